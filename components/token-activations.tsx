"use client";

import type { KeyboardEvent, MouseEvent } from "react";
import styles from "./latent-browser.module.css";
import inspect from "./latent/latent-page.module.css";

export interface ShadedToken {
  text: string;
  activation: number;
}

/** Visible stand-ins for characters that would otherwise not show inside a highlighted token. */
function visibleText(text: string): string {
  return text.replaceAll("\n", "↵\n").replaceAll("\t", "→");
}

export interface TokenActivationsProps {
  tokens: ShadedToken[];
  scaleMax: number;
  testId?: string;
  /** Makes every token inspectable: click or tap one, or focus the group and use ←/→ then Enter. */
  onInspect?: (index: number) => void;
  /** The inspected token, outlined; ←/→ move from it. */
  selected?: number | null;
  label?: string;
}

/**
 * Tokens shaded by one latent's activation: opacity grows with activation / scaleMax, in the "true activation"
 * colour; data-activation carries an active token's value. Inspectable tokens stay plain spans (a page holds
 * thousands): one tab stop per group, arrow keys move the inspected token, clicks are read from the clicked child.
 */
export function TokenActivations({ tokens, scaleMax, testId, onInspect, selected = null, label = "Tokens" }: TokenActivationsProps) {
  const spans = tokens.map((token, i) => {
    const className = onInspect && i === selected ? inspect.cursor : undefined;
    // Inactive tokens carry no attributes (most of a window): pages with 70 windows stay small.
    if (token.activation === 0) return <span key={i} className={className}>{visibleText(token.text)}</span>;
    const strength = scaleMax > 0 ? Math.min(1, Math.max(0, token.activation / scaleMax)) : 1;
    const value = token.activation.toPrecision(4);
    return (
      <span key={i} className={className ? `${styles.token} ${className}` : styles.token} title={value} data-activation={value} style={{ backgroundColor: `rgb(var(--series-true-rgb) / ${(0.1 + 0.8 * strength).toFixed(2)})` }}>
        {visibleText(token.text)}
      </span>
    );
  });
  if (!onInspect) {
    return (
      <span className={styles.tokens} data-testid={testId}>
        {spans}
      </span>
    );
  }
  const onClick = (event: MouseEvent<HTMLSpanElement>) => {
    let node = event.target as Element | null;
    while (node && node.parentElement !== event.currentTarget) node = node.parentElement;
    const index = node ? Array.prototype.indexOf.call(event.currentTarget.children, node) : -1;
    if (index >= 0) onInspect(index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    const at = selected ?? -1;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      event.stopPropagation();
      const next = Math.max(0, Math.min(tokens.length - 1, at + (event.key === "ArrowRight" ? 1 : -1)));
      onInspect(next);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onInspect(Math.max(0, at));
    }
  };
  return (
    <span
      className={`${styles.tokens} ${inspect.tokenGroup}`}
      data-testid={testId}
      tabIndex={0}
      role="group"
      aria-label={`${label}: click a token, or use ← and → here, to see its activation and the latents active there`}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      {spans}
    </span>
  );
}
