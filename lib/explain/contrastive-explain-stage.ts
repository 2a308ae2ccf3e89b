// The explain stage in contrastive mode: each latent's quantile-sampled examples (as the plain stage shows them)
// beside excerpts where its nearest latents by decoder cosine fire, read with this latent's own activations there.
// A new current version per latent, stored as the contrastive explainer's ("contrastive-baseline", or
// "llm" with "<model> (contrastive)"), so runs and the explorer tell the two modes apart.
import type { RewriteDatabase } from "@/db/client";
import { currentExplanations, type ExplanationSourceKind } from "@/db/explanations";
import { findLatentDetail, firingLatents } from "@/db/latents";
import { openStageCache, type StageCache } from "@/lib/cache/stage-cache";
import { windowExample } from "@/lib/cache/window-activations";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { derivedSeed } from "@/lib/core/derived-seed";
import { parallelEach } from "@/lib/jobs/parallel-each";
import type { ContrastExample, ContrastiveExplainer } from "./contrastive-explainer";
import {
  EXPLANATION_EXAMPLES_PER_BIN,
  explanationExamples,
  explanationSourceId,
  storeExplainOutcome,
  type ExplainLatentsOptions,
  type ExplainLatentsResult,
} from "./explain-stage";

export interface ContrastiveExplainOptions extends Omit<ExplainLatentsOptions, "explainer"> {
  explainer: ContrastiveExplainer;
  /** Nearest latents by decoder cosine shown as contrast (default 3). */
  neighbours?: number;
  /** Excerpts per neighbour, one per quantile bin from the strongest down (default 5). */
  excerptsPerNeighbour?: number;
}

/** Where each of the latent's nearest neighbours fires, with this latent's activations at the same tokens. */
export function contrastExamples(db: RewriteDatabase, stage: StageCache, latent: number, neighbours: number, perNeighbour: number, seed: number): ContrastExample[] {
  const detail = findLatentDetail(db, stage.row.id, latent);
  if (!detail) throw new Error(`latent ${latent} has no summary in cache ${stage.row.id}; run \`rewrite cache\` first`);
  const own = stage.cache.latentActivations(latent);
  const rng = createSeededRng(derivedSeed(seed, `explain-contrast/${latent}`));
  return detail.neighbours.slice(0, neighbours).flatMap(({ neighbour }) => {
    const bins = findLatentDetail(db, stage.row.id, neighbour)?.quantileWindows ?? [];
    const theirs = stage.cache.latentActivations(neighbour);
    return bins
      .filter((windows) => windows.length > 0)
      .reverse()
      .slice(0, perNeighbour)
      .map((windows) => {
        const window = windows[sampleWithoutReplacement(rng, windows.length, 1)[0]];
        const mine = windowExample(stage.cache, own, window, stage.shape, stage.tokenText);
        return { tokens: mine.tokens, activations: mine.activations, neighbourActivations: windowExample(stage.cache, theirs, window, stage.shape, stage.tokenText).activations };
      });
  });
}

/** How a contrastive version is stored: its own source kind for the baseline, the model tagged for the LLM. */
function storedSource(explainer: ContrastiveExplainer): { sourceKind: ExplanationSourceKind; sourceDetail: string | null } {
  return explainer.kind === "llm" ? { sourceKind: "llm", sourceDetail: explainer.id.slice("llm:".length) } : { sourceKind: "contrastive-baseline", sourceDetail: null };
}

export async function explainLatentsContrastively(db: RewriteDatabase, options: ContrastiveExplainOptions): Promise<ExplainLatentsResult> {
  const stage = openStageCache(db, options.cacheId, options);
  const { explainer } = options;
  const latents = options.latents ?? firingLatents(db, options.cacheId);
  const current = currentExplanations(db, options.cacheId, latents);
  // As the plain stage: a latent already explained by this explainer, or edited by a user, is kept unless forced.
  const pending = options.force ? [...latents] : latents.filter((l) => !current.has(l) || (current.get(l)!.sourceKind !== "user" && explanationSourceId(current.get(l)!) !== explainer.id));
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? 0;
  const result: ExplainLatentsResult = { explainerId: explainer.id, explained: 0, failed: 0, skipped: latents.length - pending.length, failures: [] };
  let done = 0;
  await parallelEach(
    pending,
    options.parallel ?? 16,
    async (latent) => {
      const examples = explanationExamples(db, stage, latent, options.examplesPerBin ?? EXPLANATION_EXAMPLES_PER_BIN, seed);
      const negatives = contrastExamples(db, stage, latent, options.neighbours ?? 3, options.excerptsPerNeighbour ?? 5, seed);
      const outcome = await explainer.explainContrast(examples, negatives, { signal: options.signal });
      if (options.signal?.aborted) return;
      storeExplainOutcome(db, { cacheId: options.cacheId, latent, explainerId: explainer.id }, outcome, storedSource(explainer), now(), result);
      done += 1;
      options.onProgress?.({ done, total: pending.length, latent, result: outcome });
    },
    options.signal,
  );
  options.signal?.throwIfAborted();
  return result;
}
