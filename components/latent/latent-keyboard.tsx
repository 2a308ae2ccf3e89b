"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import styles from "./latent-page.module.css";

export interface LatentKeyboardProps {
  previousHref: string | null;
  nextHref: string | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Latent page keys: ← / k the previous latent, → / j the next, e the explanation editor (never while typing). */
export function LatentKeyboard({ previousHref, nextHref }: LatentKeyboardProps) {
  const router = useRouter();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTyping(event.target)) return;
      const href = event.key === "ArrowLeft" || event.key === "k" ? previousHref : event.key === "ArrowRight" || event.key === "j" ? nextHref : undefined;
      if (href) {
        event.preventDefault();
        router.push(href);
      } else if (event.key === "e") {
        const editor = document.querySelector<HTMLTextAreaElement>('[data-testid="explanation-input"]');
        if (!editor) return;
        event.preventDefault();
        editor.focus();
        editor.scrollIntoView({ block: "center" });
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router, previousHref, nextHref]);
  return (
    <p className={`muted ${styles.keyHint}`} data-testid="latent-key-hint">
      Keys: <kbd>←</kbd>/<kbd>k</kbd> previous latent, <kbd>→</kbd>/<kbd>j</kbd> next, <kbd>e</kbd> edit the explanation.
    </p>
  );
}
