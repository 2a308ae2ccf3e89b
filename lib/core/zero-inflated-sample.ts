// A latent's activation sample stored compactly: most latents are inactive on most tokens (TopK, k = 32 of
// 32768, §2), so 10M tokens (§2.1) are kept as a count of zeros plus the sorted non-zero activations.
import { checkInteger, checkSample } from "./numeric-input";
import { quantileOfRankedSample, type QuantileType } from "./sample-quantiles";
import { countAtMost } from "./sorted-search";

export interface ZeroInflatedSample {
  /** Total number of tokens, zeros included. */
  readonly size: number;
  readonly zeroCount: number;
  /** The non-zero values, ascending (negatives, if any, first). */
  readonly sortedNonZero: Float64Array;
}

/** From the delphi-style cache view of one latent: the token count and the activations where it fired. */
export function zeroInflatedSample(tokenCount: number, nonZeroActivations: ArrayLike<number>): ZeroInflatedSample {
  checkInteger("tokenCount", tokenCount, 1);
  if (nonZeroActivations.length > tokenCount) {
    throw new Error(`${nonZeroActivations.length} non-zero activations cannot come from only ${tokenCount} tokens`);
  }
  if (nonZeroActivations.length > 0) checkSample("nonZeroActivations", nonZeroActivations);
  // Exact zeros in the list are legal (a cached activation can round to 0): they join the zero mass.
  const sortedNonZero = Float64Array.from(nonZeroActivations).filter((v) => v !== 0).sort();
  return { size: tokenCount, zeroCount: tokenCount - sortedNonZero.length, sortedNonZero };
}

/** From a full per-token sample (zeros included). */
export function zeroInflatedSampleFromValues(values: ArrayLike<number>): ZeroInflatedSample {
  checkSample("values", values);
  return zeroInflatedSample(values.length, Float64Array.from(values).filter((v) => v !== 0));
}

function negativeCount(sample: ZeroInflatedSample): number {
  return countAtMost(sample.sortedNonZero, -Number.MIN_VALUE);
}

/** Value at 0-based rank in the virtual sorted sample: negatives, then the zeros, then positives. */
export function zeroInflatedValueAt(sample: ZeroInflatedSample, rank0: number, negatives = negativeCount(sample)): number {
  if (rank0 < negatives) return sample.sortedNonZero[rank0];
  if (rank0 < negatives + sample.zeroCount) return 0;
  return sample.sortedNonZero[rank0 - sample.zeroCount];
}

/** Hyndman–Fan quantile at p of the full sample, computed without materialising the zeros. */
export function zeroInflatedQuantile(sample: ZeroInflatedSample, p: number, type: QuantileType = 7): number {
  const negatives = negativeCount(sample);
  return quantileOfRankedSample(sample.size, (i) => zeroInflatedValueAt(sample, i, negatives), p, type);
}

/** Fraction of the full sample ≤ x. */
export function zeroInflatedCdf(sample: ZeroInflatedSample, x: number): number {
  if (Number.isNaN(x)) throw new Error("zeroInflatedCdf(x) got x = NaN");
  const zerosAtMost = x >= 0 ? sample.zeroCount : 0;
  return (countAtMost(sample.sortedNonZero, x) + zerosAtMost) / sample.size;
}
