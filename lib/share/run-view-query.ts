import type { Figure3Statistic } from "@/lib/evaluate";

export type RunRanking = "top-detection" | "top-fuzzing";

/** The run page's view options from its query string; anything unknown falls back to the defaults. */
export function parseRunViewQuery(query: Record<string, string | string[] | undefined>): { statistic: Figure3Statistic; topSelection: RunRanking } {
  return {
    statistic: query.statistic === "median-absolute" ? "median-absolute" : "mean",
    topSelection: query.rank === "top-fuzzing" ? "top-fuzzing" : "top-detection",
  };
}

/** Every view of a run, so a snapshot keeps the same toggles as the live page. */
export const RUN_VIEW_VARIANTS: readonly { statistic: Figure3Statistic; topSelection: RunRanking }[] = [
  { statistic: "mean", topSelection: "top-detection" },
  { statistic: "mean", topSelection: "top-fuzzing" },
  { statistic: "median-absolute", topSelection: "top-detection" },
  { statistic: "median-absolute", topSelection: "top-fuzzing" },
];

export const runViewKey = (v: { statistic: Figure3Statistic; topSelection: RunRanking }) => `${v.statistic}:${v.topSelection}`;
