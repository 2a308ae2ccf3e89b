// Simulating one latent until its correlation is known well enough (--stop-at-ci-width): contexts go in seeded
// random chunks (the sampled positions are sorted, so their order would favour the first documents), and after
// each chunk the bootstrap CI of r over the answers so far is checked against the asked width.
import type { RewriteDatabase } from "@/db/client";
import { createSeededRng, shuffleInPlace } from "@/lib/core/seeded-rng";
import { correlationCiWidth } from "./correlation-ci";
import type { SimulationContext } from "./simulation-contexts";
import { simulateContexts, type SimulateContextsOptions, type SimulationStageProgress } from "./simulation-stage";
import type { SimulationOutcome } from "./simulator";

/** Contexts asked between two checks of the CI. */
export const EARLY_STOP_CHUNK = 100;

export interface EarlyStopRun {
  /** One per context; undefined where the latent stopped before asking it. */
  outcomes: (SimulationOutcome | undefined)[];
  /** Contexts asked (all of them unless it stopped early). */
  asked: number;
}

export async function simulateUntilNarrow(
  db: RewriteDatabase,
  options: Omit<SimulateContextsOptions, "contexts" | "onProgress"> & { contexts: readonly SimulationContext[]; truth: ArrayLike<number> },
  stopAtCiWidth: number | undefined,
  seed: number,
  onProgress?: (progress: SimulationStageProgress) => void,
): Promise<EarlyStopRun> {
  const { contexts, truth, ...rest } = options;
  if (stopAtCiWidth === undefined) {
    const outcomes = await simulateContexts(db, { ...rest, contexts, onProgress });
    return { outcomes, asked: contexts.length };
  }
  const order = shuffleInPlace(createSeededRng(seed), Array.from(contexts, (_, i) => i));
  const outcomes: (SimulationOutcome | undefined)[] = new Array(contexts.length);
  const before = { done: 0, fromCache: 0, failed: 0 };
  const predicted: number[] = [];
  const paired: number[] = [];
  for (let start = 0; start < order.length; start += EARLY_STOP_CHUNK) {
    const chunk = order.slice(start, start + EARLY_STOP_CHUNK);
    let last: SimulationStageProgress = { done: 0, total: chunk.length, fromCache: 0, failed: 0 };
    const answers = await simulateContexts(db, {
      ...rest,
      contexts: chunk.map((i) => contexts[i]),
      onProgress: (p) => {
        last = p;
        onProgress?.({ done: before.done + p.done, total: contexts.length, fromCache: before.fromCache + p.fromCache, failed: before.failed + p.failed });
      },
    });
    before.done += last.done;
    before.fromCache += last.fromCache;
    before.failed += last.failed;
    answers.forEach((outcome, k) => {
      outcomes[chunk[k]] = outcome;
      if (outcome.ok) {
        predicted.push(outcome.prediction);
        paired.push(truth[chunk[k]]);
      }
    });
    if (correlationCiWidth(predicted, paired, seed + start) <= stopAtCiWidth) return { outcomes, asked: start + chunk.length };
  }
  return { outcomes, asked: contexts.length };
}
