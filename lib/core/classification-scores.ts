// Binary classification scores for explanations: detection/fuzzing scoring (Paulo et al. 2024, as used in §3)
// and "is this latent active?" predictions (§3.1). Degenerate cases return NaN rather than throwing: a ratio
// whose denominator is 0 (e.g. recall when there are no positives) is undefined, and a batch of latents
// should not fail because one of them never fired; callers show NaN as "n/a".
import { checkSample, isTruthyLabel } from "./numeric-input";

export interface ConfusionCounts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/** Counts predicted vs actual labels (booleans, or numbers where non-zero means positive). */
export function confusionCounts(
  predicted: ArrayLike<boolean | number>,
  actual: ArrayLike<boolean | number>,
): ConfusionCounts {
  if (predicted.length !== actual.length) {
    throw new Error(`predicted has ${predicted.length} labels but actual has ${actual.length}; they must be paired`);
  }
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = isTruthyLabel("predicted", predicted, i);
    const a = isTruthyLabel("actual", actual, i);
    if (p && a) truePositives++;
    else if (p) falsePositives++;
    else if (a) falseNegatives++;
    else trueNegatives++;
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}

export interface ClassificationScores {
  readonly accuracy: number;
  /** TP / (TP + FP); NaN when nothing was predicted positive. */
  readonly precision: number;
  /** TP / (TP + FN), a.k.a. sensitivity, TPR; NaN when there are no positives. */
  readonly recall: number;
  /** TN / (TN + FP), a.k.a. TNR; NaN when there are no negatives. */
  readonly specificity: number;
  /** 2TP / (2TP + FP + FN); NaN when there are neither actual nor predicted positives. */
  readonly f1: number;
  /** (TPR + TNR) / 2; NaN unless both classes occur. */
  readonly balancedAccuracy: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? Number.NaN : num / den);

export function classificationScores(counts: ConfusionCounts): ClassificationScores {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = counts;
  const recall = ratio(tp, tp + fn);
  const specificity = ratio(tn, tn + fp);
  return {
    accuracy: ratio(tp + tn, tp + tn + fp + fn),
    precision: ratio(tp, tp + fp),
    recall,
    specificity,
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    balancedAccuracy: (recall + specificity) / 2,
  };
}

/**
 * ROC AUC of scores against labels, as the Mann–Whitney U statistic: the probability that a random positive
 * scores above a random negative, ties counting one half. NaN when either class is absent.
 */
export function rocAuc(scores: ArrayLike<number>, actual: ArrayLike<boolean | number>): number {
  if (scores.length !== actual.length) {
    throw new Error(`scores has ${scores.length} values but actual has ${actual.length} labels; they must be paired`);
  }
  const n = checkSample("scores", scores);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] < scores[b] ? -1 : scores[a] > scores[b] ? 1 : 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const midRank1 = (start + end) / 2 + 1; // tied scores share their average rank: the "ties count half" rule
    for (let k = start; k <= end; k++) {
      if (isTruthyLabel("actual", actual, order[k])) {
        positives++;
        positiveRankSum += midRank1;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
