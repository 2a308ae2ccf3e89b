// Appendix B: the quantile normalizer fitted on 1K contexts generalises worse than one fitted on 10K (Fig. A1,
// A2). Fits on nested random subsamples of the calibration contexts and reports, per size, how far its
// calibrated values are from the largest sample's and how often it predicts a latent active.
import type { QuantileEstimator, TieRule } from "@/lib/core/quantile-normalizer";
import { createSeededRng, shuffleInPlace } from "@/lib/core/seeded-rng";
import type { QuantileCalibrationSet } from "./calibration-set";
import { fitQuantileCalibration, type CalibrationTarget } from "./fit-quantile-calibration";
import { predictedActivations } from "./predicted-activations";

export interface SampleSizeStudyInputs {
  /** [contexts × latents] raw 0–9 predictions on the calibration contexts, NaN = failed. */
  readonly calibrationRawPredictions: ArrayLike<number>;
  readonly numLatents: number;
  readonly target: CalibrationTarget;
  readonly estimator?: QuantileEstimator;
  readonly tieRule?: TieRule;
  /** Context counts to fit on, e.g. [1000, 10000]; each at most the number of calibration contexts. */
  readonly sampleSizes: readonly number[];
  /** Seeds the one shuffle of the contexts; each size takes a prefix, so smaller samples nest in larger ones. */
  readonly seed: number;
  /** [prompts × latents] raw predictions on which the fitted maps are compared (e.g. the evaluation prompts). */
  readonly comparisonRawPredictions: ArrayLike<number>;
}

export interface SampleSizeStudyRow<T> {
  readonly sampleSize: number;
  readonly calibration: QuantileCalibrationSet;
  /** Over comparison (prompt, latent) pairs with a prediction: the fraction calibrated to a non-zero activation. */
  readonly predictedActiveFraction: number;
  /** What that fraction should be: the mean over fitted latents of the target's non-zero fraction. */
  readonly targetActiveFraction: number;
  /** Mean |calibrated − calibrated by the largest sample's fit| over comparison pairs with a prediction (0 for the largest). */
  readonly meanAbsoluteDifferenceFromLargest: number;
  /** Whatever `evaluateCe` returned for this size's calibration (e.g. a rewrite evaluation's summaries). */
  readonly ce?: T;
}

export async function calibrationSampleSizeStudy<T = never>(
  inputs: SampleSizeStudyInputs,
  evaluateCe?: (calibration: QuantileCalibrationSet, sampleSize: number) => Promise<T>,
): Promise<SampleSizeStudyRow<T>[]> {
  const { numLatents, sampleSizes } = inputs;
  const contextCount = inputs.calibrationRawPredictions.length / numLatents;
  if (sampleSizes.length === 0) throw new Error("sampleSizes is empty; pass the context counts to compare, e.g. [1000, 10000]");
  for (const n of sampleSizes) {
    if (!Number.isInteger(n) || n < 1 || n > contextCount) {
      throw new Error(`sample size ${n} must be an integer in [1, ${contextCount}] (the calibration contexts available)`);
    }
  }
  const order = shuffleInPlace(createSeededRng(inputs.seed), Uint32Array.from({ length: contextCount }, (_, r) => r));
  const fits = sampleSizes.map((n) =>
    fitQuantileCalibration(inputs.calibrationRawPredictions, numLatents, inputs.target, {
      estimator: inputs.estimator,
      tieRule: inputs.tieRule,
      contextRows: order.subarray(0, n),
    }),
  );
  const comparisons = fits.map((fit) => predictedActivations(fit, inputs.comparisonRawPredictions).activations);
  const largest = comparisons[sampleSizes.indexOf(Math.max(...sampleSizes))];
  const raw = inputs.comparisonRawPredictions;
  const rows: SampleSizeStudyRow<T>[] = [];
  for (let s = 0; s < sampleSizes.length; s++) {
    let valid = 0;
    let active = 0;
    let absoluteDifference = 0;
    for (let i = 0; i < raw.length; i++) {
      if (Number.isNaN(raw[i])) continue;
      valid++;
      if (comparisons[s][i] !== 0) active++;
      absoluteDifference += Math.abs(comparisons[s][i] - largest[i]);
    }
    const fitted = fits[s].latents.flatMap((l) => (l.normalizer === null ? [] : [1 - l.normalizer.trueZeroFraction]));
    rows.push({
      sampleSize: sampleSizes[s],
      calibration: fits[s],
      predictedActiveFraction: active / valid,
      targetActiveFraction: fitted.reduce((sum, f) => sum + f, 0) / fitted.length,
      meanAbsoluteDifferenceFromLargest: absoluteDifference / valid,
      ...(evaluateCe ? { ce: await evaluateCe(fits[s], sampleSizes[s]) } : {}),
    });
  }
  return rows;
}
