"use client";

import { useEffect } from "react";

/** "/" focuses the search box (as on GitHub), unless the reader is already typing in a field. */
export function SlashFocusesSearch({ testId = "latent-search" }: { testId?: string }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const box = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [testId]);
  return null;
}
