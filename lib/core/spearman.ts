// Spearman's rank correlation: Pearson's r of the two samples' ranks, tied values sharing their average rank. How
// well a proxy score (detection, fuzzing, correlation) orders latents the way their causal cost does.
import { pearsonCorrelation } from "./correlation";
import { checkPairedSamples } from "./numeric-input";

/** 1-based ranks, ties given the mean of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    for (let j = start; j <= end; j++) ranks[order[j]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/** ρ of paired samples; NaN when either side is constant. */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPairedSamples("x", x, "y", y);
  return pearsonCorrelation(averageRanks(x), averageRanks(y));
}
