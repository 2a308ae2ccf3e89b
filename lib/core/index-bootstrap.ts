// A percentile bootstrap for statistics of paired observations that are not a mean of one column (a difference of
// two correlations, of two sensitivities): each resample is a draw of n observation indices, the statistic reads
// every array it needs at those indices, so the pairs stay together.
import type { BootstrapOptions, ConfidenceInterval } from "./bootstrap-ci";
import { checkInteger } from "./numeric-input";
import { quantileSorted } from "./sample-quantiles";
import type { SeededRng } from "./seeded-rng";

export interface IndexBootstrapCi extends ConfidenceInterval {
  /** Resamples where the statistic was defined (not NaN); the interval is over these. */
  readonly definedResamples: number;
}

/**
 * The statistic on all n observations, and the (1 ± level)/2 quantiles (type 7) of its values on B resamples of n
 * indices drawn with replacement, in bootstrapCi's draw order. Resamples where it is NaN (say, no truly active
 * context drawn) are left out; with none left the interval is NaN.
 */
export function indexBootstrapCi(n: number, statistic: (indices: Int32Array) => number, rng: SeededRng, options: BootstrapOptions = {}): IndexBootstrapCi {
  checkInteger("n", n, 1);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  checkInteger("resamples", resamples, 1);
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  const estimate = statistic(Int32Array.from({ length: n }, (_, i) => i));
  const values: number[] = [];
  const indices = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = rng.integerBelow(n);
    const value = statistic(indices);
    if (!Number.isNaN(value)) values.push(value);
  }
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - level) / 2;
  const defined = sorted.length > 0;
  return {
    estimate,
    lower: defined ? quantileSorted(sorted, tail, 7) : Number.NaN,
    upper: defined ? quantileSorted(sorted, 1 - tail, 7) : Number.NaN,
    level,
    resamples,
    definedResamples: sorted.length,
  };
}
