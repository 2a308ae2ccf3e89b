// Raw predictions of many latents on many prompts → activations, with the one policy for missing predictions:
// a failed (or never simulated) prediction, marked NaN, becomes 0 = "predicted inactive". It never borrows the
// true activation (that would flatter the rewrite with ground truth), and every such entry is counted.
import { calibrateRawPrediction, calibrationLatentCount, type CalibrationSet } from "./calibration-set";

export interface PredictedActivations {
  /** [prompts × latents] row-major. */
  readonly activations: Float32Array;
  /** Per latent: prompts whose raw prediction was missing (NaN) and so predicted 0. */
  readonly missingByLatent: Uint32Array;
  readonly missingCount: number;
}

/** Maps a row-major [prompts × latents] matrix of raw 0–9 predictions (NaN = failed) through `set`. */
export function predictedActivations(set: CalibrationSet, rawPredictions: ArrayLike<number>): PredictedActivations {
  const numLatents = calibrationLatentCount(set);
  if (rawPredictions.length % numLatents !== 0) {
    throw new Error(`${rawPredictions.length} raw predictions do not form rows of ${numLatents} latents; expected [prompts × latents]`);
  }
  const activations = new Float32Array(rawPredictions.length);
  const missingByLatent = new Uint32Array(numLatents);
  let missingCount = 0;
  for (let i = 0; i < rawPredictions.length; i++) {
    const latent = i % numLatents;
    const raw = rawPredictions[i];
    if (Number.isNaN(raw)) {
      missingByLatent[latent]++;
      missingCount++;
    } else {
      activations[i] = calibrateRawPrediction(set, latent, raw);
    }
  }
  return { activations, missingByLatent, missingCount };
}
