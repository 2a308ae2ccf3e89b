// The per-latent maps from the simulator's raw 0–9 predictions to activations, as plain serialisable records
// (numbers and typed arrays only, so a store can keep them as BLOBs): §2.1's quantile normalizer, and the
// paper code's linear map as the uncalibrated baseline (Fig. A5).
import { linearNormalize } from "@/lib/core/linear-normalizer";
import { calibratePrediction, type QuantileEstimator, type QuantileNormalizer, type TieRule } from "@/lib/core/quantile-normalizer";

/** "calibrated-quantile": §2.1's quantile normalization; "uncalibrated-linear": 0..9 → 0..max activation. */
export type CalibrationMode = "calibrated-quantile" | "uncalibrated-linear";

/** (a) the large-sample activation cache (§2.1, 10M tokens); (b) the true activations on the calibration contexts (App. B). */
export type CalibrationTargetKind = "cache" | "prompts";

export interface LatentQuantileNormalizer {
  /** Raw predictions left out of the fit because their simulation failed (NaN). */
  readonly failedPredictionCount: number;
  /** null when no prediction of this latent succeeded: nothing to fit, so every prediction maps to 0 (inactive). */
  readonly normalizer: QuantileNormalizer | null;
}

export interface QuantileCalibrationSet {
  readonly mode: "calibrated-quantile";
  readonly target: CalibrationTargetKind;
  readonly estimator: QuantileEstimator;
  /** Absent in sets stored before tie rules existed, which used mid-rank. */
  readonly tieRule?: TieRule;
  /** Calibration contexts the raw predictions came from (one last token each; 10K in the paper). */
  readonly contextCount: number;
  /** Indexed by latent. */
  readonly latents: readonly LatentQuantileNormalizer[];
}

export interface LinearCalibrationSet {
  readonly mode: "uncalibrated-linear";
  /** The top of the simulator's scale (9, Appendix A). */
  readonly maxRawPrediction: number;
  /** Indexed by latent: the largest activation seen in the cache. */
  readonly maxActivationByLatent: Float64Array;
}

export type CalibrationSet = QuantileCalibrationSet | LinearCalibrationSet;

export function calibrationLatentCount(set: CalibrationSet): number {
  return set.mode === "calibrated-quantile" ? set.latents.length : set.maxActivationByLatent.length;
}

/** Latents whose quantile normalizer could not be fitted (every calibration prediction failed); 0 for the linear map. */
export function unfittedLatentCount(set: CalibrationSet): number {
  return set.mode === "calibrated-quantile" ? set.latents.filter((l) => l.normalizer === null).length : 0;
}

/** One raw prediction (not NaN: failures are the caller's to count) of one latent, mapped to an activation. */
export function calibrateRawPrediction(set: CalibrationSet, latent: number, rawPrediction: number): number {
  const count = calibrationLatentCount(set);
  if (!Number.isInteger(latent) || latent < 0 || latent >= count) {
    throw new Error(`latent ${latent} is outside the calibration set's ${count} latents`);
  }
  if (set.mode === "uncalibrated-linear") {
    return linearNormalize(rawPrediction, set.maxActivationByLatent[latent], set.maxRawPrediction);
  }
  const normalizer = set.latents[latent].normalizer;
  return normalizer === null ? 0 : calibratePrediction(normalizer, rawPrediction);
}

/** The plain facts about a set that a run records next to its results. */
export interface CalibrationDescriptor {
  readonly mode: CalibrationMode;
  readonly latentCount: number;
  readonly unfittedLatentCount: number;
  /** Quantile only. */
  readonly target?: CalibrationTargetKind;
  readonly estimator?: QuantileEstimator;
  readonly tieRule?: TieRule;
  readonly contextCount?: number;
  /** Quantile only: calibration predictions left out of the fits because they failed, over all latents. */
  readonly failedCalibrationPredictionCount?: number;
  /** Quantile only: fitted latents that fire in the target ("live"), and those of them the map sends wholly to 0. */
  readonly liveLatentCount?: number;
  readonly allZeroLiveLatentCount?: number;
}

/** Fitted latents active somewhere in their target, and how many of those every fitted prediction maps to 0. */
export function allZeroLiveLatents(set: QuantileCalibrationSet): { live: number; allZero: number } {
  let live = 0;
  let allZero = 0;
  for (const { normalizer } of set.latents) {
    if (normalizer === null || normalizer.trueZeroFraction >= 1) continue;
    live++;
    if (normalizer.predictionZeroFraction === 1) allZero++;
  }
  return { live, allZero };
}

export function describeCalibration(set: CalibrationSet): CalibrationDescriptor {
  const base = { mode: set.mode, latentCount: calibrationLatentCount(set), unfittedLatentCount: unfittedLatentCount(set) };
  if (set.mode === "uncalibrated-linear") return base;
  const erased = allZeroLiveLatents(set);
  return {
    ...base,
    target: set.target,
    estimator: set.estimator,
    tieRule: set.tieRule ?? "mid-rank",
    contextCount: set.contextCount,
    failedCalibrationPredictionCount: set.latents.reduce((sum, l) => sum + l.failedPredictionCount, 0),
    liveLatentCount: erased.live,
    allZeroLiveLatentCount: erased.allZero,
  };
}
