// Per-latent calibration of simulator predictions (§2.1): a monotone map sending the empirical distribution of
// raw predictions onto the latent's true activation distribution (an optimal transport map in 1-D).
import { sortedCopy } from "./numeric-input";
import { plottingPosition, type QuantileType } from "./sample-quantiles";
import { countAtMost } from "./sorted-search";
import { zeroInflatedQuantile, type ZeroInflatedSample } from "./zero-inflated-sample";

/** "empirical" is the plain inverse CDF the paper used; hf8 / hf9 are the bias-corrected estimators §2.1 proposes. */
export type QuantileEstimator = "empirical" | "hf8" | "hf9";

const ESTIMATOR_TYPE: Record<QuantileEstimator, QuantileType> = { empirical: 1, hf8: 8, hf9: 9 };

/**
 * A fitted normalizer: a piecewise-linear map through (rawKnots[i] → calibratedKnots[i]), flat outside the
 * fitted range. Self-contained (no reference to the 10M-token sample), so it can be stored and charted.
 */
export interface QuantileNormalizer {
  readonly estimator: QuantileEstimator;
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
  /** Each knot's mid-rank CDF position u among the raw predictions. */
  readonly cdfPositions: Float64Array;
  /** The true distribution's quantile at u: the calibrated activation. */
  readonly calibratedKnots: Float64Array;
}

/**
 * Fits the quantile normalizer of one latent.
 *
 * Each distinct raw prediction x gets the CDF position u of its mid-rank (tied predictions share the average
 * rank of their block, hence one u and one calibrated value), using the estimator's own plotting position so
 * that fitting on g(true sample) for a monotone g recovers the true values exactly. The calibrated value is the
 * true sample's quantile at u.
 *
 * Zero mass: with z = zeroCount / n, the quantile at u is exactly 0 for u ≤ z (type 1: ceil(n·u) ≤ zeroCount;
 * hf8/hf9: fractional rank h ≤ zeroCount, one boundary knot may interpolate). So a latent active on 3% of
 * tokens sends the lowest ~97% of predictions to exactly 0: the prior that latents are inactive (Fig. 1).
 */
export function fitQuantileNormalizer(
  rawPredictions: ArrayLike<number>,
  trueActivations: ZeroInflatedSample,
  estimator: QuantileEstimator = "empirical",
): QuantileNormalizer {
  const type = ESTIMATOR_TYPE[estimator];
  if (type === undefined) throw new Error(`estimator must be "empirical", "hf8" or "hf9", got "${String(estimator)}"`);
  if (trueActivations.size < 1) throw new Error(`the true activation sample is empty (size ${trueActivations.size})`);
  const sorted = sortedCopy("rawPredictions", rawPredictions);
  const m = sorted.length;
  const raw: number[] = [];
  const positions: number[] = [];
  const calibrated: number[] = [];
  let predictionsAtZero = 0;
  for (let start = 0; start < m; ) {
    let end = start;
    while (end + 1 < m && sorted[end + 1] === sorted[start]) end++;
    const midRank1 = (start + end) / 2 + 1;
    const u = plottingPosition(midRank1, m, type);
    const value = zeroInflatedQuantile(trueActivations, u, type);
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
