"use client";

import { useEffect } from "react";

// Wide tables and charts scroll sideways inside their own box (globals.css makes tables do so on phones). A box
// that scrolls must be reachable by keyboard to be scrolled without a pointer (WCAG 2.1.1), so each one that
// overflows now gets tabindex=0; one that fits again loses it, so focus order stays unchanged where all fits.
// Tables (they scroll on phones) and the boxes pages wrap wide tables in; spans and cells never scroll.
const CANDIDATES = "main table, main div, main section, main figure, main pre";

function scrollsSideways(element: HTMLElement): boolean {
  if (element.scrollWidth <= element.clientWidth + 1) return false;
  const { overflowX } = getComputedStyle(element);
  return overflowX === "auto" || overflowX === "scroll";
}

function markScrollers(): void {
  for (const element of document.querySelectorAll<HTMLElement>(CANDIDATES)) {
    const overflows = scrollsSideways(element);
    if (overflows && !element.hasAttribute("tabindex")) {
      element.tabIndex = 0;
      element.dataset.scrollRegion = "";
    } else if (!overflows && element.dataset.scrollRegion !== undefined) {
      element.removeAttribute("tabindex");
      delete element.dataset.scrollRegion;
    }
  }
}

/** Mounted once in the layout: marks overflowing scroll boxes as pages render, change and resize. */
export function ScrollableRegions() {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(markScrollers);
    };
    schedule();
    const main = document.querySelector("main");
    const mutations = new MutationObserver(schedule);
    if (main) mutations.observe(main, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      window.removeEventListener("resize", schedule);
    };
  }, []);
  return null;
}
