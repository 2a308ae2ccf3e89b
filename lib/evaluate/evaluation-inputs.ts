// Everything one rewrite evaluation reads, for a fixed batch of P held-out prompts (their last tokens), with
// the shape checks that turn a mis-wired pipeline into an error naming the array and its length.
import { calibrationLatentCount, type CalibrationSet } from "@/lib/calibrate";
import type { CoderAdapter } from "./coder-adapter";

export interface RewriteEvaluationInputs {
  readonly coder: CoderAdapter;
  /** [P·L] row-major: the true relu'd pre-activations (before TopK) at each prompt's last token. */
  readonly trueActivations: Float32Array;
  /** [P·L] row-major: the simulator's raw 0–9 predictions there; NaN = failed or not simulated. */
  readonly rawPredictions: ArrayLike<number>;
  /** At most one set per mode; each mode given is evaluated. */
  readonly calibrations: readonly CalibrationSet[];
  /** [P] the clean model's CE at the last token, nats. */
  readonly cleanCeNats: Float64Array;
  /** [P] CE with the patch target zeroed, when the runtime already has it; otherwise computed as lastTokenCe(0). */
  readonly zeroAblationCeNats?: Float64Array;
  /** [L] detection / fuzzing balanced accuracy per latent; NaN = no score (selected last, left out of the bins). */
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
}

function checkLength(name: string, values: ArrayLike<number>, expected: number, shape: string): void {
  if (values.length !== expected) throw new Error(`${name} has ${values.length} values; expected ${expected} = ${shape}`);
}

function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}; expected a finite number`);
  }
}

/** Returns P and L after checking every array against them. */
export function checkRewriteEvaluationInputs(inputs: RewriteEvaluationInputs, scoreRange: readonly [number, number]): { promptCount: number; numLatents: number } {
  const { coder } = inputs;
  const numLatents = coder.numLatents;
  if (!Number.isInteger(numLatents) || numLatents < 1) throw new Error(`coder.numLatents must be an integer ≥ 1, got ${numLatents}`);
  if (!Number.isInteger(coder.k) || coder.k < 1 || coder.k > numLatents) throw new Error(`coder.k must be an integer in [1, ${numLatents}], got ${coder.k}`);
  const promptCount = inputs.cleanCeNats.length;
  if (promptCount === 0) throw new Error("cleanCeNats is empty; evaluate at least one prompt");
  checkFinite("cleanCeNats", inputs.cleanCeNats);
  const matrix = `${promptCount} prompts × ${numLatents} latents`;
  checkLength("trueActivations", inputs.trueActivations, promptCount * numLatents, matrix);
  checkFinite("trueActivations", inputs.trueActivations);
  checkLength("rawPredictions", inputs.rawPredictions, promptCount * numLatents, matrix);
  if (inputs.zeroAblationCeNats) {
    checkLength("zeroAblationCeNats", inputs.zeroAblationCeNats, promptCount, `${promptCount} prompts`);
    checkFinite("zeroAblationCeNats", inputs.zeroAblationCeNats);
  }
  const modes = inputs.calibrations.map((c) => c.mode);
  if (new Set(modes).size !== modes.length) throw new Error(`calibrations repeat a mode (${modes.join(", ")}); pass at most one set per mode`);
  for (const set of inputs.calibrations) {
    const count = calibrationLatentCount(set);
    if (count !== numLatents) throw new Error(`the ${set.mode} calibration covers ${count} latents but the coder has ${numLatents}`);
  }
  const [lo, hi] = scoreRange;
  for (const [name, scores] of [["detectionScores", inputs.detectionScores], ["fuzzingScores", inputs.fuzzingScores]] as const) {
    checkLength(name, scores, numLatents, `${numLatents} latents`);
    const bad = scores.findIndex((s) => !Number.isNaN(s) && !(s >= lo && s <= hi));
    if (bad >= 0) throw new Error(`${name}[${bad}] = ${scores[bad]} lies outside the score bins [${lo}, ${hi}]; use NaN for "no score"`);
  }
  return { promptCount, numLatents };
}
