// §3.1 / Fig. 4 on every context the simulator saw (the calibration contexts, then the evaluation prompts):
// per latent, predicted > threshold vs truly active in the transcoder's TopK, for the raw 0–9 predictions and
// for the calibrated ones, before the rewrite's TopK. Missing predictions (unexplained latents, failed calls)
// are left out, so each latent is judged on the contexts where it was actually simulated.
import { calibrateRawPrediction, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { TopK } from "@/lib/core/topk";
import { preTopKExplanationQuality, type ExplanationQuality } from "./explanation-quality";

export interface PreTopKQuality {
  /** Contexts the counts run over (calibration contexts + prompts). */
  readonly contextCount: number;
  /** Raw predictions count as active above this value. */
  readonly rawActiveAbove: number;
  readonly raw: ExplanationQuality;
  readonly calibrated: ExplanationQuality;
}

export interface SimulatedContextTruth {
  /** [C × L] the cached TopK activations on the calibration contexts. */
  readonly calibrationActivationsAfterTopK: Float32Array;
  /** The transcoder's TopK rows on the P prompts, [P·k]. */
  readonly promptTopK: TopK;
  readonly k: number;
}

/** `rawPredictions` is [(C + P) × L], calibration rows first; NaN = missing. */
export function preTopKQualityOnSimulatedContexts(
  rawPredictions: Float64Array,
  truth: SimulatedContextTruth,
  numLatents: number,
  calibration: QuantileCalibrationSet,
  rawActiveAbove: number,
  scores: { readonly detection: Float64Array; readonly fuzzing: Float64Array },
  scoreBinEdges: readonly number[],
): PreTopKQuality {
  const dense = new Float32Array(rawPredictions.length);
  dense.set(truth.calibrationActivationsAfterTopK);
  const offset = truth.calibrationActivationsAfterTopK.length;
  const { indices, values } = truth.promptTopK;
  for (let j = 0; j < indices.length; j++) {
    const prompt = Math.floor(j / truth.k);
    if (values[j] > 0) dense[offset + prompt * numLatents + indices[j]] = values[j];
  }
  const calibrated = Float64Array.from(rawPredictions, (raw, i) => (Number.isNaN(raw) ? Number.NaN : calibrateRawPrediction(calibration, i % numLatents, raw)));
  return {
    contextCount: rawPredictions.length / numLatents,
    rawActiveAbove,
    raw: preTopKExplanationQuality(rawPredictions, dense, numLatents, rawActiveAbove, scores, scoreBinEdges),
    calibrated: preTopKExplanationQuality(calibrated, dense, numLatents, 0, scores, scoreBinEdges),
  };
}
