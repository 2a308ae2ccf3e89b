// The evaluation stage's inputs for one coder of a loaded pack: its runtime, its activation cache, the corpus's
// held-out split, and each latent's current explanation and scores from SQLite.
import { join } from "node:path";
import type { ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { latentRewriteInputs } from "@/db/evaluation-runs";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { packCacheRuntime } from "@/lib/cache/pack-cache-runtime";
import { tokenDisplay } from "@/lib/cache/token-display";
import { corpusFingerprint, readCorpusSplit } from "@/lib/corpus/pack-corpus";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { packCorpusPath, packModelDir } from "@/lib/packs/pack-manifest";
import type { EvaluationStageInputs, LatentRewriteInputs } from "./evaluation-stage";
import type { PredictRaw } from "./simulation-matrix";

/** Explanations and scores by latent index; latents without a row or a value get null / NaN. */
export function readLatentRewriteInputs(db: RewriteDatabase, cacheId: number, numLatents: number): LatentRewriteInputs {
  const explanations: (string | null)[] = new Array(numLatents).fill(null);
  const detectionScores = new Float64Array(numLatents).fill(Number.NaN);
  const fuzzingScores = new Float64Array(numLatents).fill(Number.NaN);
  for (const row of latentRewriteInputs(db, cacheId)) {
    if (row.latent < 0 || row.latent >= numLatents) continue;
    explanations[row.latent] = row.explanation;
    detectionScores[row.latent] = row.detectionScore ?? Number.NaN;
    fuzzingScores[row.latent] = row.fuzzingScore ?? Number.NaN;
  }
  return { explanations, detectionScores, fuzzingScores };
}

export function packEvaluationInputs(
  db: RewriteDatabase,
  runtime: PackRuntime,
  cacheRow: ActivationCacheRow,
  simulator: { readonly id: string; readonly predictRaw: PredictRaw },
): EvaluationStageInputs {
  const corpusFile = packCorpusPath(runtime.dir, runtime.manifest);
  if (!corpusFile) throw new Error(`${join(runtime.dir, "pack.json")} names no corpus; the evaluation draws its prompts from the corpus's held-out split`);
  const coder = runtime.coder(cacheRow.hookpoint);
  const { tokenize, separatorId } = packCacheRuntime(runtime);
  return {
    model: { model: runtime.model, coder, tokenize, separatorId, tokenText: tokenDisplay(packModelDir(runtime.dir, runtime.manifest)) },
    cache: { id: cacheRow.id, hookpoint: cacheRow.hookpoint, packIdentity: cacheRow.packIdentity, activations: openActivationCache(cacheRow.dir) },
    heldout: {
      documents: readCorpusSplit(corpusFile, "heldout", { separatorId }),
      corpusSha256: corpusFingerprint(corpusFile),
    },
    latents: readLatentRewriteInputs(db, cacheRow.id, coder.config.numLatents),
    simulatorId: simulator.id,
    predictRaw: simulator.predictRaw,
  };
}
