// The per-latent numbers the browser shows and later stages start from (frequency, max, mean of non-zeros,
// histogram, percentiles, example windows), computed from the latent's exact non-zero activations.
import { nonZeroActivationHistogram } from "@/lib/core/histogram";
import { quantileSorted } from "@/lib/core/sample-quantiles";
import type { SeededRng } from "@/lib/core/seeded-rng";
import type { LatentSummary } from "@/db/latent-summary";
import type { LatentActivations } from "./activation-cache";
import { quantileWindows, topWindows, windowMaxima, type WindowShape } from "./activation-windows";

export interface LatentSummaryOptions extends WindowShape {
  /** All cached tokens, zeros included: frequency = non-zero count / numTokens. */
  numTokens: number;
  histogramBins: number;
  topExamples: number;
  quantileBins: number;
  examplesPerBin: number;
}

/** delphi: 32-token windows, 10 quantiles of max activation. */
export const DEFAULT_SUMMARY_OPTIONS = { windowLength: 32, histogramBins: 40, topExamples: 20, quantileBins: 10, examplesPerBin: 5 } as const;

export type { LatentSummary };

export function summarizeLatent(activations: LatentActivations, options: LatentSummaryOptions, rng: SeededRng): LatentSummary {
  const { values } = activations;
  const n = values.length;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    max = Math.max(max, values[i]);
  }
  const sorted = Float64Array.from(values).sort();
  const histogram = nonZeroActivationHistogram(values, options.histogramBins);
  const windows = windowMaxima(activations, options);
  return {
    nonZeroCount: n,
    frequency: n / options.numTokens,
    maxActivation: max,
    meanNonZero: n > 0 ? sum / n : 0,
    histogramEdges: histogram.edges,
    histogramCounts: Uint32Array.from(histogram.counts),
    percentiles: n > 0 ? Float32Array.from({ length: 101 }, (_, p) => quantileSorted(sorted, p / 100, 7)) : new Float32Array(0),
    topWindows: topWindows(windows, options.topExamples),
    quantileWindows: quantileWindows(windows, options.quantileBins, options.examplesPerBin, rng),
  };
}
