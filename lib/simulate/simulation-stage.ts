// The simulate stage (§2.2) behind the prediction cache: stored answers are reused, only missing ones are asked,
// and each answer is committed as soon as it arrives (within its event-loop turn), so a run killed with SIGKILL
// resumes having lost nothing but the requests in flight.
import type { RewriteDatabase } from "@/db/client";
import { explanationHash, findPredictions, predictionWriter } from "@/db/predictions";
import type { SimulationContext } from "./simulation-contexts";
import type { SimulationOutcome, Simulator } from "./simulator";

export interface SimulateContextsOptions {
  simulator: Simulator;
  explanation: string;
  contexts: readonly SimulationContext[];
  /** Ask again where a stored failure may pass on retry (the request itself failed). Default true. */
  retryRequestFailures?: boolean;
  onProgress?: (progress: SimulationStageProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

/** Counts over distinct context ids. */
export interface SimulationStageProgress {
  done: number;
  total: number;
  /** Answered from the prediction cache, without a request. */
  fromCache: number;
  /** Failed outcomes so far (from the cache or new). */
  failed: number;
}

function reusable(outcome: SimulationOutcome | undefined, retryRequestFailures: boolean): outcome is SimulationOutcome {
  return outcome !== undefined && (outcome.ok || !retryRequestFailures || outcome.reason !== "llm-request-failed");
}

/** One outcome per context, in input order (failures included, with their reason). Throws if `signal` aborts. */
export async function simulateContexts(db: RewriteDatabase, options: SimulateContextsOptions): Promise<SimulationOutcome[]> {
  const { simulator, explanation, contexts, signal } = options;
  const key = { simulatorId: simulator.id, explanationHash: explanationHash(explanation) };
  const ids = [...new Set(contexts.map((c) => c.contextId))];
  const stored = findPredictions(db, key, ids);
  const known = new Map<string, SimulationOutcome>();
  const retry = options.retryRequestFailures ?? true;
  for (const [id, outcome] of stored) if (reusable(outcome, retry)) known.set(id, outcome);
  const progress: SimulationStageProgress = { done: known.size, total: ids.length, fromCache: known.size, failed: 0 };
  for (const outcome of known.values()) if (!outcome.ok) progress.failed += 1;
  options.onProgress?.({ ...progress });

  const tokensById = new Map(contexts.map((c) => [c.contextId, c.tokens]));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const writer = predictionWriter(db, key, options.now);
    // Answers are committed at the end of the event-loop turn they arrive in, all of that turn's in one
    // transaction: a commit per answer cost more than the requests themselves at 32 in flight (see the bench).
    let unwritten: [string, SimulationOutcome][] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (unwritten.length > 0) writer.commit(unwritten);
      unwritten = [];
    };
    await simulator.simulate(
      explanation,
      missing.map((id) => tokensById.get(id) ?? []),
      {
        signal,
        onProgress: ({ index, outcome }) => {
          // A request cut short by the caller is no answer; the resumed run asks it again.
          if (signal?.aborted && !outcome.ok) return;
          known.set(missing[index], outcome);
          unwritten.push([missing[index], outcome]);
          if (!scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
          progress.done += 1;
          if (!outcome.ok) progress.failed += 1;
          options.onProgress?.({ ...progress });
        },
      },
    );
    flush();
  }
  signal?.throwIfAborted();
  return contexts.map((c) => known.get(c.contextId) as SimulationOutcome);
}
