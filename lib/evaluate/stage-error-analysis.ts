// What the evaluation stage measures beyond Fig. 3, while the prompts' clean runs and every simulation are in
// memory: the error decomposition (error-decomposition.ts) of the calibrated rewrite.
import { calibrateRawPrediction, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import type { CoderAdapter } from "./coder-adapter";
import { typicalSimulatedMagnitudes } from "./decomposition-variants";
import { runErrorDecomposition, type ErrorDecomposition } from "./error-decomposition";
import { topScoringOrder } from "./latent-selection";

export interface StageErrorAnalysisInputs {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations on the prompts, and [P·L] the same after TopK. */
  readonly trueActivations: Float32Array;
  readonly trueAfterTopK: Float32Array;
  /** [C·L] the true TopK activations on the calibration contexts. */
  readonly calibrationTrueAfterTopK: Float32Array;
  /** [(C + P)·L] raw predictions, calibration contexts first; NaN = missing. */
  readonly rawPredictions: Float64Array;
  readonly calibration: QuantileCalibrationSet;
  readonly detectionScores: Float64Array;
  readonly cleanCeNats: Float64Array;
}

export interface StageErrorAnalysis {
  readonly errorDecomposition: ErrorDecomposition;
}

export async function stageErrorAnalysis(
  settings: { readonly seed: number; readonly fractions: readonly number[]; readonly bootstrap: BootstrapOptions },
  inputs: StageErrorAnalysisInputs,
  onProgress: (step: "error decomposition", done: number, total: number) => void,
): Promise<StageErrorAnalysis> {
  const numLatents = inputs.coder.numLatents;
  const calibrated = Float32Array.from(inputs.rawPredictions, (raw, i) =>
    Number.isNaN(raw) ? Number.NaN : calibrateRawPrediction(inputs.calibration, i % numLatents, raw),
  );
  const truth = new Float32Array(calibrated.length);
  truth.set(inputs.calibrationTrueAfterTopK);
  truth.set(inputs.trueAfterTopK, inputs.calibrationTrueAfterTopK.length);
  const promptsStart = inputs.calibrationTrueAfterTopK.length;
  // Missing predictions rewrite as predicted inactive (0), as in Fig. 3.
  const simulated = Float32Array.from(calibrated.subarray(promptsStart), (x) => (Number.isNaN(x) ? 0 : x));
  const errorDecomposition = await runErrorDecomposition(
    settings,
    {
      coder: inputs.coder,
      trueActivations: inputs.trueActivations,
      trueAfterTopK: inputs.trueAfterTopK,
      simulated,
      typicalMagnitude: typicalSimulatedMagnitudes(calibrated, truth, numLatents),
      order: topScoringOrder(inputs.detectionScores),
      cleanCeNats: inputs.cleanCeNats,
    },
    (done, total) => onProgress("error decomposition", done, total),
  );
  return { errorDecomposition };
}
