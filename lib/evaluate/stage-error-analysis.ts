// What the evaluation stage measures beyond Fig. 3, while the prompts' clean runs and every simulation are in
// memory: the error decomposition (error-decomposition.ts) and the fix-first ledger (latent-ledger.ts) of the
// calibrated rewrite, with the per-latent facts the ledger sets beside them.
import { calibrateRawPrediction, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import type { CoderAdapter } from "./coder-adapter";
import { typicalSimulatedMagnitudes } from "./decomposition-variants";
import { runErrorDecomposition, type ErrorDecomposition } from "./error-decomposition";
import { latentLedger, type LatentLedger } from "./latent-ledger";
import { topScoringOrder } from "./latent-selection";
import { latentSimulationStats, type LatentSimulationStats } from "./latent-simulation-stats";

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
  readonly explained: readonly boolean[];
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
  readonly cleanCeNats: Float64Array;
}

/** The ledger as stored with a run: the causal measures and the run's scores (no timing: a run reproduces exactly; `bench ledger` times it). */
export interface StageLedger extends LatentLedger, LatentSimulationStats {
  /** 1 where the latent had an explanation (so was simulated), else 0. */
  readonly explained: Uint32Array;
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
}

export interface StageErrorAnalysis {
  readonly errorDecomposition: ErrorDecomposition;
  readonly ledger: StageLedger;
}

export type ErrorAnalysisStep = "error decomposition" | "ledger";

export async function stageErrorAnalysis(
  settings: { readonly seed: number; readonly fractions: readonly number[]; readonly bootstrap: BootstrapOptions },
  inputs: StageErrorAnalysisInputs,
  onProgress: (step: ErrorAnalysisStep, done: number, total: number) => void,
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
  const ledger = await latentLedger(settings, { coder: inputs.coder, trueAfterTopK: inputs.trueAfterTopK, simulated }, (done, total) => onProgress("ledger", done, total));
  return {
    errorDecomposition,
    ledger: {
      ...ledger,
      ...latentSimulationStats(inputs.rawPredictions, truth, numLatents),
      explained: Uint32Array.from(inputs.explained, (e) => (e ? 1 : 0)),
      detectionScores: inputs.detectionScores,
      fuzzingScores: inputs.fuzzingScores,
    },
  };
}
