// App. B within a stage run: the quantile normalizer refitted on nested subsamples of the calibration contexts,
// each compared on the prompts and evaluated (top-detection, calibrated) as in Fig. 3.
import { calibrationSampleSizeStudy, type CalibrationTarget, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { CeIncreaseSummary } from "@/lib/core/ce-increase";
import { derivedSeed } from "@/lib/core/derived-seed";
import type { EvaluationStageSettings } from "./evaluation-settings";
import type { PredictionRows } from "./sparse-predictions";

export interface SampleSizeStudySummary {
  readonly sampleSize: number;
  readonly predictedActiveFraction: number;
  readonly targetActiveFraction: number;
  readonly meanAbsoluteDifferenceFromLargest: number;
  /** Top-detection latents rewritten with this size's calibration, per fraction. */
  readonly ceIncrease: readonly { readonly fraction: number; readonly summary: CeIncreaseSummary }[];
}

/** App. B on one calibration target: the normalizer refitted on nested subsamples, each evaluated by `evaluateCe`. */
export async function sampleSizeStudy(
  settings: EvaluationStageSettings,
  fit: { target: CalibrationTarget; calibrationRaw: ArrayLike<number>; promptRaw: PredictionRows; numLatents: number },
  evaluateCe: (calibration: QuantileCalibrationSet, sampleSize: number) => Promise<SampleSizeStudySummary["ceIncrease"]>,
): Promise<SampleSizeStudySummary[]> {
  if (settings.sampleSizes.length === 0) return [];
  const rows = await calibrationSampleSizeStudy(
    {
      calibrationRawPredictions: fit.calibrationRaw,
      numLatents: fit.numLatents,
      target: fit.target,
      estimator: settings.estimator,
      tieRule: settings.tieRule,
      sampleSizes: settings.sampleSizes,
      seed: derivedSeed(settings.evaluation.seed, "sample-size-study"),
      // lib/calibrate compares the fits on dense [prompts × latents] rows: the one array the study still builds.
      comparisonRawPredictions: fit.promptRaw.rows(0, fit.promptRaw.rowCount),
    },
    evaluateCe,
  );
  return rows.map((row) => ({
    sampleSize: row.sampleSize,
    predictedActiveFraction: row.predictedActiveFraction,
    targetActiveFraction: row.targetActiveFraction,
    meanAbsoluteDifferenceFromLargest: row.meanAbsoluteDifferenceFromLargest,
    ceIncrease: row.ce ?? [],
  }));
}
