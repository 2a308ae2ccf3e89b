// §3.1 / Fig. 4 on every context the simulator saw (the calibration contexts, then the evaluation prompts):
// per latent, predicted > threshold vs truly active in the transcoder's TopK, for the raw 0–9 predictions and
// for the calibrated ones, before the rewrite's TopK. Missing predictions (unexplained latents, failed calls)
// are left out, so each latent is judged on the contexts where it was actually simulated. The same pass gathers
// the ledger's per-latent facts and the decomposition's typical magnitudes, one block of rows at a time.
import { activationsAfterTopK, calibrateRawPrediction, type QuantileCalibrationSet } from "@/lib/calibrate";
import { TypicalMagnitudeAccumulator } from "./decomposition-variants";
import { PreTopKConfusion, type ExplanationQuality } from "./explanation-quality";
import { LatentSimulationStatsAccumulator, type LatentSimulationStats } from "./latent-simulation-stats";
import type { PromptBlocks } from "./prompt-blocks";
import type { PredictionRows } from "./sparse-predictions";

export interface PreTopKQuality {
  /** Contexts the counts run over (calibration contexts + prompts). */
  readonly contextCount: number;
  /** Raw predictions count as active above this value. */
  readonly rawActiveAbove: number;
  readonly raw: ExplanationQuality;
  readonly calibrated: ExplanationQuality;
}

export interface SimulatedContextFacts {
  readonly preTopKQuality: PreTopKQuality;
  /** [L] each latent's typical simulated magnitude (decomposition-variants.ts). */
  readonly typicalMagnitude: Float32Array;
  readonly stats: LatentSimulationStats;
}

export interface SimulatedContexts {
  readonly blocks: PromptBlocks;
  /** (C + P) rows, calibration contexts first; NaN = missing. */
  readonly rawPredictions: PredictionRows;
  /** [C·L] the cached TopK activations on the calibration contexts. */
  readonly calibrationTrueAfterTopK: Float32Array;
  readonly calibration: QuantileCalibrationSet;
}

export async function simulatedContextFacts(
  contexts: SimulatedContexts,
  options: { readonly rawActiveAbove: number; readonly scores: { readonly detection: Float64Array; readonly fuzzing: Float64Array }; readonly scoreBinEdges: readonly number[] },
): Promise<SimulatedContextFacts> {
  const { blocks, rawPredictions, calibrationTrueAfterTopK, calibration } = contexts;
  const { numLatents: L, k, blockSize } = blocks;
  const calibrationRows = calibrationTrueAfterTopK.length / L;
  if (rawPredictions.rowCount !== calibrationRows + blocks.promptCount) {
    throw new Error(`${rawPredictions.rowCount} rows of raw predictions; expected ${calibrationRows} calibration contexts + ${blocks.promptCount} prompts`);
  }
  const raw = new PreTopKConfusion(L, options.rawActiveAbove);
  const calibrated = new PreTopKConfusion(L, 0);
  const magnitudes = new TypicalMagnitudeAccumulator(L);
  const stats = new LatentSimulationStatsAccumulator(L);
  const addRows = (start: number, end: number, truth: Float32Array) => {
    const rows = rawPredictions.rows(start, end);
    // Float32 like the rewrite's calibrated activations.
    const values = Float32Array.from(rows, (x, i) => (Number.isNaN(x) ? Number.NaN : calibrateRawPrediction(calibration, i % L, x)));
    raw.add(rows, truth);
    calibrated.add(values, truth);
    magnitudes.add(values, truth);
    stats.add(rows, truth);
  };
  // r takes a second pass over the same rows (latent-simulation-stats.ts); at scale a second walk of the blocks.
  const deviations = (start: number, end: number, truth: Float32Array) => stats.addDeviations(rawPredictions.rows(start, end), truth);
  for (const pass of [addRows, deviations]) {
    for (let start = 0; start < calibrationRows; start += blockSize) {
      const end = Math.min(calibrationRows, start + blockSize);
      pass(start, end, calibrationTrueAfterTopK.subarray(start * L, end * L));
    }
    await blocks.forEachBlock(async ({ start, size, trueActivations }) => pass(calibrationRows + start, calibrationRows + start + size, activationsAfterTopK(trueActivations, L, k)));
  }
  return {
    preTopKQuality: {
      contextCount: rawPredictions.rowCount,
      rawActiveAbove: options.rawActiveAbove,
      raw: raw.quality(options.scores, options.scoreBinEdges),
      calibrated: calibrated.quality(options.scores, options.scoreBinEdges),
    },
    typicalMagnitude: magnitudes.finish(),
    stats: stats.finish(),
  };
}
