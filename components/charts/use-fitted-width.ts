"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * The width a chart should draw at: its container's, up to `maxWidth`. Drawing at the displayed size keeps axis
 * labels at their stated pixel size; a fixed viewBox scaled down to a phone would shrink 12 px labels to 7 px.
 */
export function useFittedWidth(ref: RefObject<Element | null>, maxWidth: number, minWidth = 280): number {
  const [width, setWidth] = useState(maxWidth);
  useEffect(() => {
    const container = ref.current?.parentElement;
    if (!container || typeof ResizeObserver === "undefined") return;
    const fit = () => setWidth(Math.max(minWidth, Math.min(maxWidth, Math.floor(container.clientWidth))));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(container);
    return () => observer.disconnect();
  }, [ref, maxWidth, minWidth]);
  return width;
}
