// The settings of one rewrite evaluation: plain JSON, stored with the run, so config + seed + inputs reproduce
// every number of it.
import { checkBinEdges, uniformBinEdges } from "@/lib/core/bin-edges";
import type { SelectionMethod } from "./latent-selection";
import { UNREWRITTEN_LATENTS, type UnrewrittenLatents } from "./rewritten-topk";

export interface RewriteEvaluationConfig {
  /** Seeds the random selections and every bootstrap. */
  readonly seed: number;
  /** Fractions of the latents rewritten (Fig. 3's x axis). */
  readonly fractions: readonly number[];
  readonly selections: readonly SelectionMethod[];
  /** Independent random orders for the "random" selection. */
  readonly randomDraws: number;
  readonly bootstrapResamples: number;
  /** Confidence level of the bootstrap intervals. */
  readonly ciLevel: number;
  /** Bins of detection / fuzzing score (balanced accuracy) for Fig. 4 / A4. */
  readonly scoreBinEdges: readonly number[];
  /** What latents that are not rewritten keep (rewritten-topk.ts); runs stored before this setting back-filled. */
  readonly unrewrittenLatents: UnrewrittenLatents;
  /** A raw 0–9 prediction counts as "predicted active" above this value in the raw sensitivity / specificity (§3.1). */
  readonly rawActiveThreshold: number;
}

const SELECTIONS: readonly SelectionMethod[] = ["top-detection", "top-fuzzing", "random"];

/** Fig. 3's setting: fractions 0, 0.1, …, 1; top by detection and fuzzing, 3 random draws; 1000 resamples, 95%. */
export function rewriteEvaluationConfig(seed: number, overrides: Partial<Omit<RewriteEvaluationConfig, "seed">> = {}): RewriteEvaluationConfig {
  return {
    seed,
    fractions: Array.from({ length: 11 }, (_, i) => i / 10),
    selections: SELECTIONS,
    randomDraws: 3,
    bootstrapResamples: 1000,
    ciLevel: 0.95,
    scoreBinEdges: Array.from(uniformBinEdges(0, 1, 10)),
    unrewrittenLatents: "transcoder-topk",
    rawActiveThreshold: 0,
    ...overrides,
  };
}

/** Throws, naming the setting and its value, unless the config can run. */
export function checkRewriteEvaluationConfig(config: RewriteEvaluationConfig): void {
  if (!Number.isSafeInteger(config.seed)) throw new Error(`seed must be a safe integer, got ${config.seed}`);
  if (config.fractions.length === 0) throw new Error("fractions is empty; pass e.g. [0, 0.1, …, 1]");
  for (const f of config.fractions) if (!(f >= 0 && f <= 1)) throw new Error(`fractions must lie in [0, 1], got ${f}`);
  if (new Set(config.fractions).size !== config.fractions.length) throw new Error(`fractions repeat a value: ${config.fractions.join(", ")}`);
  if (config.selections.length === 0) throw new Error(`selections is empty; pick from ${SELECTIONS.join(", ")}`);
  for (const s of config.selections) if (!SELECTIONS.includes(s)) throw new Error(`unknown selection "${s}"; pick from ${SELECTIONS.join(", ")}`);
  if (new Set(config.selections).size !== config.selections.length) throw new Error(`selections repeat a method: ${config.selections.join(", ")}`);
  if (!Number.isInteger(config.randomDraws) || config.randomDraws < 1) throw new Error(`randomDraws must be an integer ≥ 1, got ${config.randomDraws}`);
  if (!Number.isInteger(config.bootstrapResamples) || config.bootstrapResamples < 1) {
    throw new Error(`bootstrapResamples must be an integer ≥ 1, got ${config.bootstrapResamples}`);
  }
  if (!(config.ciLevel > 0 && config.ciLevel < 1)) throw new Error(`ciLevel must lie strictly between 0 and 1, got ${config.ciLevel}`);
  checkBinEdges(config.scoreBinEdges);
  if (!UNREWRITTEN_LATENTS.includes(config.unrewrittenLatents)) {
    throw new Error(`unrewrittenLatents must be one of ${UNREWRITTEN_LATENTS.join(", ")}, got "${String(config.unrewrittenLatents)}"`);
  }
  if (!(config.rawActiveThreshold >= 0 && config.rawActiveThreshold < 9)) throw new Error(`rawActiveThreshold must lie in [0, 9), got ${config.rawActiveThreshold}`);
}
