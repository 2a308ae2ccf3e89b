// The simulate stage (§2.2) behind the prediction cache: stored answers are reused, only missing ones are asked,
// and each answer is committed as soon as it arrives (within its event-loop turn), so a run killed with SIGKILL
// resumes having lost nothing but the requests in flight. A server failing the same way again and again stops the
// run early (fail-fast.ts) with its reason.
import type { RewriteDatabase } from "@/db/client";
import { explanationHash, findPredictions, predictionWriter } from "@/db/predictions";
import { isSetupFailure } from "@/lib/llm";
import { FailFast } from "@/lib/llm";
import type { SimulationContext } from "./simulation-contexts";
import type { SimulationOutcome, Simulator } from "./simulator";

export interface SimulateContextsOptions {
  simulator: Simulator;
  explanation: string;
  contexts: readonly SimulationContext[];
  /** Ask again where a stored failure's cause may have changed (the server, its version or settings). Default true. */
  retrySetupFailures?: boolean;
  /** Ask every context again, stored answers included (`--force`); the new answers replace them. */
  force?: boolean;
  /** Shared by the calls of one run, so a failing server stops the whole run; default: one for this call. */
  failFast?: FailFast;
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

/** Whether a stored outcome stands, or is asked again: never with `force`; a setup failure only when not retried. */
export function reusableOutcome(outcome: SimulationOutcome | undefined, options: Pick<SimulateContextsOptions, "retrySetupFailures" | "force">): outcome is SimulationOutcome {
  if (outcome === undefined || options.force) return false;
  return outcome.ok || !(options.retrySetupFailures ?? true) || !isSetupFailure(outcome.reason);
}

/**
 * One outcome per context, in input order (failures included, with their reason). Throws if `signal` aborts, and
 * RunStoppedError when the server failed the same way too often in a row.
 */
export async function simulateContexts(db: RewriteDatabase, options: SimulateContextsOptions): Promise<SimulationOutcome[]> {
  const { simulator, explanation, contexts } = options;
  const failFast = options.failFast ?? new FailFast();
  const signal = failFast.withSignal(options.signal);
  const key = { simulatorId: simulator.id, explanationHash: explanationHash(explanation) };
  const ids = [...new Set(contexts.map((c) => c.contextId))];
  const stored = options.force ? new Map<string, SimulationOutcome>() : findPredictions(db, key, ids);
  const known = new Map<string, SimulationOutcome>();
  for (const [id, outcome] of stored) if (reusableOutcome(outcome, options)) known.set(id, outcome);
  const progress: SimulationStageProgress = { done: known.size, total: ids.length, fromCache: known.size, failed: 0 };
  for (const outcome of known.values()) if (!outcome.ok) progress.failed += 1;
  options.onProgress?.({ ...progress });

  const tokensById = new Map(contexts.map((c) => [c.contextId, c.tokens]));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0 && !signal.aborted) {
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
          // A request cut short (by the caller, or by the fail-fast stop) is no answer; the next run asks it again.
          if (signal.aborted && !outcome.ok) return;
          failFast.record(outcome.ok ? null : outcome);
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
  failFast.throwIfStopped();
  options.signal?.throwIfAborted();
  return contexts.map((c) => known.get(c.contextId) as SimulationOutcome);
}
