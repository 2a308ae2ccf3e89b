// The mean of a distribution over a band of its quantiles, (1/(b − a))·∫ₐᵇ Q(u) du, for the empirical (step)
// quantile function of a zero-inflated sample. A block of tied raw predictions occupies such a band of the
// prediction CDF, and this is the value that keeps the calibrated mean equal to the target's (§2.1, ties).
import { checkProbability } from "./numeric-input";
import { zeroInflatedValueAt, type ZeroInflatedSample } from "./zero-inflated-sample";

// n·a lands a few ulps off an integer rank; snapping keeps a band that covers whole steps exact.
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 8 * Number.EPSILON * Math.max(1, Math.abs(x)) ? r : x;
}

/**
 * Returns (a, b) → mean of the sample over its quantile band [a, b] (0 ≤ a < b ≤ 1). Steps are summed directly
 * (the zero mass in O(1)), so a band inside one value returns that value exactly; over the bands of a partition
 * of [0, 1] the work is O(non-zero count).
 */
export function quantileIntervalMean(sample: ZeroInflatedSample): (a: number, b: number) => number {
  const n = sample.size;
  const nonZero = sample.sortedNonZero;
  let negatives = 0;
  while (negatives < nonZero.length && nonZero[negatives] < 0) negatives++;
  const positivesFrom = negatives + sample.zeroCount; // full-sample rank of the first positive
  // Σ value·overlap over full-sample ranks [from, to) ∩ [lo, hi), where rank r holds nonZero[r − shift].
  const sumOver = (from: number, to: number, shift: number, lo: number, hi: number) => {
    let sum = 0;
    for (let r = Math.max(from, Math.floor(lo)); r < Math.min(to, Math.ceil(hi)); r++) {
      sum += nonZero[r - shift] * (Math.min(r + 1, hi) - Math.max(r, lo));
    }
    return sum;
  };
  const valueAt = (r: number) => zeroInflatedValueAt(sample, r, negatives);
  return (a: number, b: number) => {
    checkProbability("a", a);
    checkProbability("b", b);
    if (!(b > a)) throw new Error(`the quantile band [${a}, ${b}] is empty; need a < b`);
    const lo = snap(n * a);
    const hi = snap(n * b);
    const first = Math.floor(lo);
    const last = Math.min(n, Math.ceil(hi)) - 1;
    if (valueAt(first) === valueAt(last)) return valueAt(first); // one value (Q is monotone): exact
    return (sumOver(0, negatives, 0, lo, hi) + sumOver(positivesFrom, n, sample.zeroCount, lo, hi)) / (hi - lo);
  };
}
