// Sample quantiles after Hyndman & Fan (1996), the estimators §2.1 proposes to reduce the bias of the empirical
// inverse CDF. Definitions follow numpy.quantile's methods: type 1 "inverted_cdf", 7 "linear",
// 8 "median_unbiased", 9 "normal_unbiased".
import { checkInteger, checkProbability } from "./numeric-input";
import { countAtMost } from "./sorted-search";

export type QuantileType = 1 | 7 | 8 | 9;

// Continuous types: Q(p) sits at 1-based fractional rank h = (n + 1 − α − β)·p + α (Hyndman & Fan's m = α + p(1 − α − β)).
const CONTINUOUS_ALPHA_BETA: Record<7 | 8 | 9, [number, number]> = { 7: [1, 1], 8: [1 / 3, 1 / 3], 9: [3 / 8, 3 / 8] };

// Positions computed in floating point land a few ulps off integer ranks; snapping keeps sample values exact
// (so a zero mass maps to exactly 0, not 1e-17).
function snapToInteger(h: number): number {
  const r = Math.round(h);
  return Math.abs(h - r) <= 8 * Number.EPSILON * Math.max(1, Math.abs(h)) ? r : h;
}

/**
 * Quantile at probability p of a sample of `size` values given by `valueAtRank(i)` (0-based, ascending), so
 * compact samples (e.g. zero count + sorted non-zeros) need not be materialised.
 */
export function quantileOfRankedSample(
  size: number,
  valueAtRank: (rank0: number) => number,
  p: number,
  type: QuantileType = 7,
): number {
  checkInteger("sample size", size, 1);
  checkProbability("p", p);
  if (type === 1) {
    // Inverse empirical CDF: the smallest x with F_n(x) ≥ p, i.e. 1-based rank ceil(n·p), at least 1.
    const rank1 = Math.max(1, Math.ceil(snapToInteger(size * p)));
    return valueAtRank(rank1 - 1);
  }
  const params = CONTINUOUS_ALPHA_BETA[type];
  if (params === undefined) throw new Error(`quantile type must be 1, 7, 8 or 9, got ${String(type)}`);
  const [alpha, beta] = params;
  const h = Math.min(size, Math.max(1, snapToInteger((size + 1 - alpha - beta) * p + alpha)));
  const lo = Math.floor(h);
  const g = h - lo;
  const below = valueAtRank(lo - 1);
  if (g === 0) return below;
  const above = valueAtRank(lo);
  return below + g * (above - below);
}

/**
 * The CDF position a 1-based (possibly fractional, e.g. mid-) rank corresponds to under the same estimator, so
 * that `quantileOfRankedSample(n, at, plottingPosition(r, n, type), type)` returns the value at rank r exactly.
 * Type 1 has no continuous inverse; Hazen's (r − ½)/n lies strictly inside rank r's step of ceil(n·p).
 */
export function plottingPosition(rank1: number, size: number, type: QuantileType): number {
  checkInteger("sample size", size, 1);
  if (!(rank1 >= 1 && rank1 <= size)) throw new Error(`rank must lie in [1, ${size}], got ${rank1}`);
  if (type === 1) return (rank1 - 0.5) / size;
  const params = CONTINUOUS_ALPHA_BETA[type];
  if (params === undefined) throw new Error(`quantile type must be 1, 7, 8 or 9, got ${String(type)}`);
  const [alpha, beta] = params;
  if (size === 1) return 0.5;
  return Math.min(1, Math.max(0, (rank1 - alpha) / (size + 1 - alpha - beta)));
}

/** Quantile at p of an ascending-sorted, NaN-free sample (`sortedCopy` makes one; not re-checked here: O(1) per call). */
export function quantileSorted(sorted: ArrayLike<number>, p: number, type: QuantileType = 7): number {
  return quantileOfRankedSample(sorted.length, (i) => sorted[i], p, type);
}

/** Empirical CDF F_n(x) = fraction of the sample ≤ x (ties at x all count), for an ascending-sorted sample. */
export function empiricalCdf(sorted: ArrayLike<number>, x: number): number {
  if (sorted.length === 0) throw new Error("empiricalCdf needs a non-empty sorted sample");
  if (Number.isNaN(x)) throw new Error("empiricalCdf(x) got x = NaN");
  return countAtMost(sorted, x) / sorted.length;
}
