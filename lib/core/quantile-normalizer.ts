// Per-latent calibration of simulator predictions (§2.1): a monotone map sending the empirical distribution of
// raw predictions onto the latent's true activation distribution (an optimal transport map in 1-D).
import { sortedCopy } from "./numeric-input";
import { quantileIntervalMean } from "./quantile-interval-mean";
import { plottingPosition, type QuantileType } from "./sample-quantiles";
import { countAtMost } from "./sorted-search";
import { zeroInflatedQuantile, type ZeroInflatedSample } from "./zero-inflated-sample";

/** "empirical" is the plain inverse CDF the paper used; hf8 / hf9 are the bias-corrected estimators §2.1 proposes. */
export type QuantileEstimator = "empirical" | "hf8" | "hf9";

const ESTIMATOR_TYPE: Record<QuantileEstimator, QuantileType> = { empirical: 1, hf8: 8, hf9: 9 };

/**
 * What a block of tied raw predictions (ranks start..end of m) maps to. Simulators give few distinct values, so
 * blocks are wide and this choice decides whether rare latents survive calibration.
 * - "conditional-mean" (default): the target's mean over the block's quantile band [start/m, (end+1)/m] of the
 *   empirical target distribution (estimator-free); a block reaching into the target's active tail keeps a
 *   positive value, and the calibrated mean equals the target's.
 * - "mid-rank": the estimator's quantile at the block's mid-rank (a wide low block of a rare latent maps to 0).
 * - "upper-quantile": the estimator's quantile at the block's highest rank.
 */
export type TieRule = "conditional-mean" | "mid-rank" | "upper-quantile";

export const TIE_RULES: readonly TieRule[] = ["conditional-mean", "mid-rank", "upper-quantile"];

/**
 * A fitted normalizer: a piecewise-linear map through (rawKnots[i] → calibratedKnots[i]), flat outside the
 * fitted range. Self-contained (no reference to the 10M-token sample), so it can be stored and charted.
 */
export interface QuantileNormalizer {
  readonly estimator: QuantileEstimator;
  readonly tieRule: TieRule;
  /** m: raw predictions the map was fitted on (10K contexts in the paper). */
  readonly predictionCount: number;
  /** n: tokens in the true activation sample (10M in the paper). */
  readonly trueSampleSize: number;
  /** Fraction of true activations that are exactly 0. */
  readonly trueZeroFraction: number;
  /** Fraction of the fitted raw predictions that the map sends to exactly 0. */
  readonly predictionZeroFraction: number;
  /** Distinct raw predictions, ascending; of a run mapping to one calibrated value only its two ends are kept. */
  readonly rawKnots: Float64Array;
  /** Each knot's CDF position u among the raw predictions (the band's middle for conditional-mean). */
  readonly cdfPositions: Float64Array;
  /** The true distribution's quantile at u: the calibrated activation. */
  readonly calibratedKnots: Float64Array;
}

/**
 * Fits the quantile normalizer of one latent.
 *
 * Each distinct raw prediction x is a block of tied ranks; the block's calibrated value follows the tie rule. For
 * the point rules the CDF position uses the estimator's own plotting position, so that fitting on g(true sample)
 * for a monotone g recovers the true values exactly (conditional-mean does too, when m = n).
 *
 * Zero mass: with z = zeroCount / n, the quantile at u is exactly 0 for u ≤ z, so under mid-rank a latent
 * active on 3% of tokens sends the lowest ~97% of predictions to exactly 0: the prior that latents are inactive
 * (Fig. 1). Under conditional-mean only blocks lying wholly inside the zero mass map to 0.
 */
export function fitQuantileNormalizer(
  rawPredictions: ArrayLike<number>,
  trueActivations: ZeroInflatedSample,
  estimator: QuantileEstimator = "empirical",
  tieRule: TieRule = "conditional-mean",
): QuantileNormalizer {
  const type = ESTIMATOR_TYPE[estimator];
  if (type === undefined) throw new Error(`estimator must be "empirical", "hf8" or "hf9", got "${String(estimator)}"`);
  if (!TIE_RULES.includes(tieRule)) throw new Error(`tieRule must be one of ${TIE_RULES.join(", ")}, got "${String(tieRule)}"`);
  if (trueActivations.size < 1) throw new Error(`the true activation sample is empty (size ${trueActivations.size})`);
  const sorted = sortedCopy("rawPredictions", rawPredictions);
  const m = sorted.length;
  const bandMean = tieRule === "conditional-mean" ? quantileIntervalMean(trueActivations) : null;
  const raw: number[] = [];
  const positions: number[] = [];
  const calibrated: number[] = [];
  let predictionsAtZero = 0;
  for (let start = 0; start < m; ) {
    let end = start;
    while (end + 1 < m && sorted[end + 1] === sorted[start]) end++;
    let u: number;
    let value: number;
    if (bandMean) {
      u = (start + end + 1) / (2 * m);
      value = bandMean(start / m, (end + 1) / m);
    } else {
      u = plottingPosition(tieRule === "mid-rank" ? (start + end) / 2 + 1 : end + 1, m, type);
      value = zeroInflatedQuantile(trueActivations, u, type);
    }
    if (value === 0) predictionsAtZero += end - start + 1;
    const last = calibrated.length - 1;
    if (last >= 1 && calibrated[last] === value && calibrated[last - 1] === value) {
      // Inside a flat run the middle knot adds nothing to a piecewise-linear map: move the run's end instead.
      raw[last] = sorted[start];
      positions[last] = u;
    } else {
      raw.push(sorted[start]);
      positions.push(u);
      calibrated.push(value);
    }
    start = end + 1;
  }
  return {
    estimator,
    tieRule,
    predictionCount: m,
    trueSampleSize: trueActivations.size,
    trueZeroFraction: trueActivations.zeroCount / trueActivations.size,
    predictionZeroFraction: predictionsAtZero / m,
    rawKnots: Float64Array.from(raw),
    cdfPositions: Float64Array.from(positions),
    calibratedKnots: Float64Array.from(calibrated),
  };
}

/**
 * Calibrates one raw prediction: exact at fitted raw values, linear between neighbouring knots (a prediction
 * unseen at fit time lands between its neighbours), and clamped to the first/last knot outside the fitted range.
 */
export function calibratePrediction(normalizer: QuantileNormalizer, rawPrediction: number): number {
  if (Number.isNaN(rawPrediction)) throw new Error("cannot calibrate a NaN raw prediction");
  const xs = normalizer.rawKnots;
  const ys = normalizer.calibratedKnots;
  const last = xs.length - 1;
  if (rawPrediction <= xs[0]) return ys[0];
  if (rawPrediction >= xs[last]) return ys[last];
  const lo = countAtMost(xs, rawPrediction) - 1; // xs[lo] ≤ rawPrediction < xs[lo + 1]
  const t = (rawPrediction - xs[lo]) / (xs[lo + 1] - xs[lo]);
  return t === 0 ? ys[lo] : ys[lo] + t * (ys[lo + 1] - ys[lo]);
}

/** Calibrates many raw predictions of the same latent. */
export function calibratePredictions(normalizer: QuantileNormalizer, rawPredictions: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rawPredictions.length);
  for (let i = 0; i < out.length; i++) out[i] = calibratePrediction(normalizer, rawPredictions[i]);
  return out;
}

/** The fitted map as chart points (the quantile map, raw prediction → calibrated activation). */
export function quantileMapPoints(
  normalizer: QuantileNormalizer,
): { rawPrediction: number; cdfPosition: number; calibratedActivation: number }[] {
  return Array.from(normalizer.rawKnots, (rawPrediction, i) => ({
    rawPrediction,
    cdfPosition: normalizer.cdfPositions[i],
    calibratedActivation: normalizer.calibratedKnots[i],
  }));
}
