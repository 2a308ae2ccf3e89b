"use client";

import { Fragment, useState } from "react";
import type { ExampleWindow } from "@/lib/cache/latent-page-data";
import styles from "./latent-browser.module.css";
import { CachedTokenInspector } from "./latent/cached-token-inspector";
import { TokenActivations } from "./token-activations";

export interface ExampleWindowsProps {
  examples: ExampleWindow[];
  scaleMax: number;
  testId: string;
  /** Makes tokens inspectable against this latent's cache (the latent page; a shared snapshot leaves it out). */
  inspect?: { latent: number; coder: string };
}

/** Example windows of one latent, each with its max activation, tokens shaded against the latent's max. */
export function ExampleWindows({ examples, scaleMax, testId, inspect }: ExampleWindowsProps) {
  const [picked, setPicked] = useState<{ window: number; index: number } | null>(null);
  if (examples.length === 0) return <p className="muted">No examples: the latent never fired on the cached tokens.</p>;
  return (
    <ul className={styles.examples} data-testid={testId}>
      {examples.map((example) => {
        const index = picked?.window === example.window ? picked.index : null;
        const token = index !== null ? example.tokens[index] : undefined;
        return (
          <Fragment key={example.window}>
            <li>
              <span className={styles.exampleMax} title={`context ${example.sequence}, tokens ${example.position}–${example.position + example.tokens.length - 1}`}>
                max {example.maxActivation.toPrecision(3)}
              </span>
              <TokenActivations
                tokens={example.tokens}
                scaleMax={scaleMax}
                onInspect={inspect ? (i) => setPicked({ window: example.window, index: i }) : undefined}
                selected={index}
                label={`Example with max ${example.maxActivation.toPrecision(3)}`}
              />
            </li>
            {inspect && token && index !== null ? (
              <li style={{ display: "block" }}>
                <CachedTokenInspector
                  latent={inspect.latent}
                  coder={inspect.coder}
                  token={example.start + index}
                  text={token.text}
                  activation={token.activation}
                  onClose={() => setPicked(null)}
                />
              </li>
            ) : null}
          </Fragment>
        );
      })}
    </ul>
  );
}
