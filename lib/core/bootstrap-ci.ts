// Percentile bootstrap confidence intervals, as for the error bars of Fig. 3 (95% CIs "computed using
// bootstrapping"), made reproducible by drawing resamples from a seeded generator.
import { checkInteger, checkSample } from "./numeric-input";
import { quantileSorted } from "./sample-quantiles";
import type { SeededRng } from "./seeded-rng";

/** A statistic of a sample; it may reorder its argument (it is a scratch resample). */
export type SampleStatistic = (sample: Float64Array) => number;

export const mean: SampleStatistic = (sample) => {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i];
  return sum / sample.length;
};

export const median: SampleStatistic = (sample) => quantileSorted(sample.sort(), 0.5, 7);

/** Median of |x|: Fig. 3's bar height, robust to the heavy-tailed CE differences. */
export const medianOfAbsolute: SampleStatistic = (sample) => {
  for (let i = 0; i < sample.length; i++) sample[i] = Math.abs(sample[i]);
  return median(sample);
};

export interface ConfidenceInterval {
  /** The statistic on the full sample. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples B (default 1000). */
  readonly resamples?: number;
  /** Coverage level (default 0.95). */
  readonly level?: number;
}

/**
 * Percentile bootstrap: draw B resamples of size n with replacement, compute the statistic on each, and take
 * the (1 − level)/2 and (1 + level)/2 quantiles (linear, type 7) of those B values.
 */
export function bootstrapCi(
  values: ArrayLike<number>,
  statistic: SampleStatistic,
  rng: SeededRng,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const n = checkSample("values", values);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  checkInteger("resamples", resamples, 1);
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  const estimate = statistic(Float64Array.from(values));
  const statistics = new Float64Array(resamples);
  const scratch = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) scratch[i] = values[rng.integerBelow(n)];
    statistics[b] = statistic(scratch);
  }
  statistics.sort();
  const tail = (1 - level) / 2;
  return {
    estimate,
    lower: quantileSorted(statistics, tail, 7),
    upper: quantileSorted(statistics, 1 - tail, 7),
    level,
    resamples,
  };
}
