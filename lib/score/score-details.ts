// The per-example record of one score, stored as `explanation_scores.details_json`. Columnar and by window index
// (tokens and activations are re-read from the cache), so 200 examples × 32K latents × 2 tasks stay small.
import type { ClassificationScoreResult } from "./classification-scorer";

export interface ScoreDetails {
  format: "rewrite-score-details";
  version: 1;
  /** Example windows of the cache (global window index) and their length in tokens. */
  windowLength: number;
  windows: number[];
  activating: Array<0 | 1>;
  /** Quantile bin an activating example came from (delphi's "distance"); null for silent ones. */
  quantile: Array<number | null>;
  prediction: Array<0 | 1 | null>;
  /** P(1) from logprobs (LLM) or the highest simulated level / 9 (lexical baseline); null without one. */
  probability: Array<number | null>;
  /** Fuzzing only: highlighted positions in each window. */
  highlighted?: number[][];
  /** Examples without a usable answer (left out of the metrics), with the reason. */
  failures: { index: number; reason: string; detail: string }[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function scoreDetails(result: ClassificationScoreResult, windows: readonly number[], windowLength: number): ScoreDetails {
  const { examples } = result;
  if (windows.length !== examples.length) {
    throw new Error(`${windows.length} windows for ${examples.length} scored examples; pass one window per example`);
  }
  const fuzzing = result.task === "fuzzing";
  return {
    format: "rewrite-score-details",
    version: 1,
    windowLength,
    windows: [...windows],
    activating: examples.map((e) => (e.activating ? 1 : 0)),
    quantile: examples.map((e) => e.quantile ?? null),
    prediction: examples.map((e) => e.prediction),
    probability: examples.map((e) => (e.probability === null ? null : round4(e.probability))),
    ...(fuzzing ? { highlighted: examples.map((e) => (e.highlighted ?? []).flatMap((on, i) => (on ? [i] : []))) } : {}),
    failures: examples.flatMap((e, index) => (e.failure ? [{ index, ...e.failure }] : [])),
  };
}
