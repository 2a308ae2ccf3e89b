// Everything one rewrite evaluation reads, for a fixed batch of P held-out prompts (their last tokens), with
// the shape checks that turn a mis-wired pipeline into an error naming the array and its length.
import { calibrationLatentCount, type CalibrationSet } from "@/lib/calibrate";
import type { CoderAdapter } from "./coder-adapter";
import { singleBlock, type PromptBlocks } from "./prompt-blocks";
import { densePredictionRows, type PredictionRows } from "./sparse-predictions";

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

/**
 * The same inputs read block by block: prompts through PromptBlocks, raw predictions as rows (sparse at scale), so
 * nothing [prompts × latents] is held at once.
 */
export interface BlockRewriteInputs extends Omit<RewriteEvaluationInputs, "coder" | "trueActivations" | "rawPredictions"> {
  readonly blocks: PromptBlocks;
  /** [P rows × L] raw 0–9 predictions at the prompts' last tokens; NaN = failed or not simulated. */
  readonly rawPredictions: PredictionRows;
}

/** Dense inputs as one block (rawPredictions read in place). */
export function blockRewriteInputs(inputs: RewriteEvaluationInputs | BlockRewriteInputs): BlockRewriteInputs {
  if ("blocks" in inputs) return inputs;
  const { coder, trueActivations, rawPredictions, ...rest } = inputs;
  const promptCount = inputs.cleanCeNats.length;
  const matrix = `${promptCount} prompts × ${coder.numLatents} latents`;
  checkLength("trueActivations", trueActivations, promptCount * coder.numLatents, matrix);
  checkLength("rawPredictions", rawPredictions, promptCount * coder.numLatents, matrix);
  const raw = rawPredictions instanceof Float32Array || rawPredictions instanceof Float64Array ? rawPredictions : Float64Array.from(rawPredictions);
  return { ...rest, blocks: singleBlock(coder, trueActivations, promptCount), rawPredictions: densePredictionRows(raw, coder.numLatents) };
}

/** Throws, naming the array, when a block's true activations are not all finite. */
export function checkFiniteBlock(trueActivations: Float32Array, start: number, numLatents: number): void {
  for (let i = 0; i < trueActivations.length; i++) {
    if (!Number.isFinite(trueActivations[i])) {
      throw new Error(`trueActivations of prompt ${start + Math.floor(i / numLatents)}, latent ${i % numLatents} is ${trueActivations[i]}; expected a finite number`);
    }
  }
}

/** Returns P and L after checking every array against them (each block's true activations are checked as it is read). */
export function checkRewriteEvaluationInputs(inputs: BlockRewriteInputs, scoreRange: readonly [number, number]): { promptCount: number; numLatents: number } {
  const { blocks } = inputs;
  const numLatents = blocks.numLatents;
  if (!Number.isInteger(numLatents) || numLatents < 1) throw new Error(`coder.numLatents must be an integer ≥ 1, got ${numLatents}`);
  if (!Number.isInteger(blocks.k) || blocks.k < 1 || blocks.k > numLatents) throw new Error(`coder.k must be an integer in [1, ${numLatents}], got ${blocks.k}`);
  const promptCount = inputs.cleanCeNats.length;
  if (promptCount === 0) throw new Error("cleanCeNats is empty; evaluate at least one prompt");
  checkFinite("cleanCeNats", inputs.cleanCeNats);
  if (blocks.promptCount !== promptCount) throw new Error(`the prompt blocks hold ${blocks.promptCount} prompts but cleanCeNats has ${promptCount}`);
  const raw = inputs.rawPredictions;
  if (raw.rowCount !== promptCount || raw.numLatents !== numLatents) {
    throw new Error(`rawPredictions is ${raw.rowCount} × ${raw.numLatents}; expected ${promptCount} prompts × ${numLatents} latents`);
  }
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
