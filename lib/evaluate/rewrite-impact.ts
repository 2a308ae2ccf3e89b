// The live editor's question: how much does rewriting just this one latent from its explanation change the
// loss? Same protocol as the evaluation with the chosen set {latent}, measured against the coder alone.
import { calibrateRawPrediction, calibrationLatentCount, type CalibrationMode, type CalibrationSet } from "@/lib/calibrate";
import { topKRows } from "@/lib/core/topk";
import { decodeChecked, lastTokenCeChecked, type CoderAdapter } from "./coder-adapter";
import { rewrittenTopK } from "./rewritten-topk";

export interface LatentRewriteInputs {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations at the prompts' last tokens. */
  readonly trueActivations: Float32Array;
  /** [P] this latent's raw 0–9 predictions on those prompts; NaN = failed (predicted inactive, counted). */
  readonly rawPredictions: ArrayLike<number>;
  readonly calibration: CalibrationSet;
  /** [P] the coder-alone CE, when already known (an evaluation run's baseline); computed otherwise. */
  readonly coderAloneCeNats?: Float64Array;
}

export interface LatentRewriteImpact {
  readonly latent: number;
  readonly mode: CalibrationMode;
  readonly ceNats: Float64Array;
  readonly coderAloneCeNats: Float64Array;
  /** Per prompt: rewritten − coder alone, nats. */
  readonly ceChangeNats: Float64Array;
  readonly meanCeChangeNats: number;
  /** Prompts whose TopK rows changed (elsewhere the CE change is exactly 0). */
  readonly changedPromptCount: number;
  readonly missingPredictionCount: number;
}

export async function rewriteImpactOfLatent(latent: number, inputs: LatentRewriteInputs): Promise<LatentRewriteImpact> {
  const { coder, trueActivations, rawPredictions, calibration } = inputs;
  const numLatents = coder.numLatents;
  const promptCount = rawPredictions.length;
  if (!Number.isInteger(latent) || latent < 0 || latent >= numLatents) throw new Error(`latent ${latent} is outside the coder's ${numLatents} latents`);
  if (calibrationLatentCount(calibration) !== numLatents) {
    throw new Error(`the ${calibration.mode} calibration covers ${calibrationLatentCount(calibration)} latents but the coder has ${numLatents}`);
  }
  if (promptCount === 0 || trueActivations.length !== promptCount * numLatents) {
    throw new Error(`trueActivations has ${trueActivations.length} values; expected ${promptCount} prompts × ${numLatents} latents`);
  }
  let missingPredictionCount = 0;
  const predicted = Float32Array.from(rawPredictions, (raw) => {
    if (!Number.isNaN(raw)) return calibrateRawPrediction(calibration, latent, raw);
    missingPredictionCount++;
    return 0;
  });
  const forward = async (indices: Int32Array, values: Float32Array) =>
    lastTokenCeChecked(coder, await decodeChecked(coder, indices, values, promptCount), promptCount);

  const trueTop = topKRows(trueActivations, numLatents, coder.k);
  const rewritten = rewrittenTopK(trueActivations, numLatents, coder.k, [latent], (p) => predicted[p], "transcoder-topk", trueTop);
  const coderAloneCeNats = inputs.coderAloneCeNats ?? (await forward(trueTop.indices, trueTop.values));
  if (coderAloneCeNats.length !== promptCount) throw new Error(`coderAloneCeNats has ${coderAloneCeNats.length} values for ${promptCount} prompts`);
  const ceNats = await forward(rewritten.indices, rewritten.values);
  const ceChangeNats = Float64Array.from(ceNats, (ce, p) => ce - coderAloneCeNats[p]);
  let changedPromptCount = 0;
  for (let p = 0; p < promptCount; p++) {
    const span = [p * coder.k, (p + 1) * coder.k] as const;
    const same = trueTop.indices.subarray(...span).every((v, j) => v === rewritten.indices[span[0] + j] && trueTop.values[span[0] + j] === rewritten.values[span[0] + j]);
    if (!same) changedPromptCount++;
  }
  return {
    latent,
    mode: calibration.mode,
    ceNats,
    coderAloneCeNats,
    ceChangeNats,
    meanCeChangeNats: ceChangeNats.reduce((s, x) => s + x, 0) / promptCount,
    changedPromptCount,
    missingPredictionCount,
  };
}
