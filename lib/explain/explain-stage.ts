// The explain stage over a cache (seed paper §2, delphi's explainer step): each latent's quantile-sampled examples
// → an explainer → a new current explanation version, mirrored into `latents`. Resumable: a latent whose current
// explanation already comes from this explainer (or from a user's edit) is skipped unless `force`. A latent the
// explainer fails on is stored as a latent failure with its reason; a server failing every call stops the run.
import type { RewriteDatabase } from "@/db/client";
import { addExplanation, currentExplanations, type ExplanationRow, type NewExplanation } from "@/db/explanations";
import { clearLatentFailure, recordLatentFailure } from "@/db/latent-failures";
import { findLatentDetail, firingLatents } from "@/db/latents";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { openStageCache, type StageCache, type StageCacheOptions } from "@/lib/cache/stage-cache";
import { windowExample } from "@/lib/cache/window-activations";
import { derivedSeed } from "@/lib/core/derived-seed";
import { parallelEach } from "@/lib/jobs/parallel-each";
import { type CallEstimate, messagesTokens, NO_CALLS } from "@/lib/llm";
import { FailFast } from "@/lib/llm";
import { buildExplainerMessages } from "./explainer-prompt";
import type { ActivationExample, Explainer, ExplanationFailureReason, ExplanationResult, ExplanationSource } from "./explainer";
import { DEFAULT_EXPLAINER_MAX_TOKENS } from "./llm-explainer";

/** delphi explains from 40 examples: 4 from each of the 10 quantile bins the summaries sampled 5 from. */
export const EXPLANATION_EXAMPLES_PER_BIN = 4;

export interface ExplainLatentsOptions extends StageCacheOptions {
  cacheId: number;
  explainer: Explainer;
  /** Default: every latent of the cache that fires. */
  latents?: readonly number[];
  /** Explain again even when the current explanation is this explainer's or a user's. */
  force?: boolean;
  examplesPerBin?: number;
  /** Seeds which of each bin's stored windows are shown. */
  seed?: number;
  /** Latents explained at once (default 16); the LLM client's own limit caps the requests in flight. */
  parallel?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExplainProgress) => void;
  now?: () => Date;
}

/** Progress over the pending latents (skipped ones are not reported). */
export interface ExplainProgress {
  done: number;
  total: number;
  latent: number;
  result: ExplanationResult;
}

export interface ExplanationFailure {
  latent: number;
  reason: ExplanationFailureReason;
  detail: string;
}

export interface ExplainLatentsResult {
  explainerId: string;
  explained: number;
  failed: number;
  skipped: number;
  failures: ExplanationFailure[];
}

/** The explainer id a stored version came from, comparable with `Explainer.id` ("llm:<model>", "statistical-baseline"). */
export function explanationSourceId(row: Pick<ExplanationRow, "sourceKind" | "sourceDetail">): string {
  return row.sourceKind === "llm" ? `llm:${row.sourceDetail ?? ""}` : row.sourceKind;
}

function storedSource(source: ExplanationSource): { sourceKind: "llm" | "statistical-baseline"; sourceDetail: string | null; servedModel: string | null } {
  return source.kind === "llm"
    ? { sourceKind: "llm", sourceDetail: source.model, servedModel: source.servedModel ?? null }
    : { sourceKind: "statistical-baseline", sourceDetail: null, servedModel: null };
}

/** The examples an explainer sees: `perBin` of each quantile bin's stored windows (weakest bin first). */
export function explanationExamples(db: RewriteDatabase, stage: StageCache, latent: number, perBin: number, seed: number): ActivationExample[] {
  const detail = findLatentDetail(db, stage.row.id, latent);
  if (!detail) throw new Error(`latent ${latent} has no summary in cache ${stage.row.id}; run \`rewrite cache\` first`);
  // A per-latent stream, so a latent's examples do not depend on which other latents run.
  const rng = createSeededRng(derivedSeed(seed, `explain/${latent}`));
  const acts = stage.cache.latentActivations(latent);
  return detail.quantileWindows.flatMap((windows) => {
    const picked = Array.from(sampleWithoutReplacement(rng, windows.length, Math.min(perBin, windows.length))).sort((a, b) => a - b);
    return picked.map((i) => windowExample(stage.cache, acts, windows[i], stage.shape, stage.tokenText));
  });
}

/** The latents a run would explain: not already explained by this explainer, nor edited by a user (unless `force`). */
export function pendingLatents(db: RewriteDatabase, options: Pick<ExplainLatentsOptions, "cacheId" | "explainer" | "latents" | "force">): number[] {
  const latents = options.latents ?? firingLatents(db, options.cacheId);
  if (options.force) return [...latents];
  const current = currentExplanations(db, options.cacheId, latents);
  return latents.filter((latent) => {
    const existing = current.get(latent);
    return !existing || (existing.sourceKind !== "user" && explanationSourceId(existing) !== options.explainer.id);
  });
}

/** Calls and tokens a run would ask of the LLM (none for the statistical baseline); prompts measured on a few latents. */
export function estimateExplainCalls(db: RewriteDatabase, options: ExplainLatentsOptions): CallEstimate {
  if (options.explainer.kind !== "llm") return NO_CALLS;
  const pending = pendingLatents(db, options);
  if (pending.length === 0) return NO_CALLS;
  const stage = openStageCache(db, options.cacheId, options);
  const measured = pending.slice(0, 3).map((latent) => {
    const examples = explanationExamples(db, stage, latent, options.examplesPerBin ?? EXPLANATION_EXAMPLES_PER_BIN, options.seed ?? 0);
    return messagesTokens(buildExplainerMessages(examples));
  });
  const [instructions] = buildExplainerMessages([]);
  return {
    calls: pending.length,
    promptTokens: (measured.reduce((a, b) => a + b, 0) / measured.length) * pending.length,
    completionTokens: (options.explainer.maxTokens ?? DEFAULT_EXPLAINER_MAX_TOKENS) * pending.length,
    sharedPromptTokens: messagesTokens([instructions]) * (pending.length - 1),
  };
}

/** One latent's outcome stored: a new current version (`stored` says whose), or a latent failure with its reason; counted in `result`. */
export function storeExplainOutcome(
  db: RewriteDatabase,
  at: { cacheId: number; latent: number; explainerId: string },
  outcome: ExplanationResult,
  stored: Pick<NewExplanation, "sourceKind" | "sourceDetail" | "servedModel">,
  now: Date,
  result: ExplainLatentsResult,
): void {
  const key = { cacheId: at.cacheId, latent: at.latent, stage: "explain" as const, source: at.explainerId };
  if (outcome.ok) {
    addExplanation(db, { cacheId: at.cacheId, latent: at.latent, text: outcome.explanation, ...stored }, now);
    clearLatentFailure(db, key);
    result.explained += 1;
  } else {
    recordLatentFailure(db, { ...key, explanationId: null, reason: outcome.reason, detail: outcome.detail }, now);
    result.failed += 1;
    result.failures.push({ latent: at.latent, reason: outcome.reason, detail: outcome.detail });
  }
}

export async function explainLatents(db: RewriteDatabase, options: ExplainLatentsOptions): Promise<ExplainLatentsResult> {
  const stage = openStageCache(db, options.cacheId, options);
  const { explainer } = options;
  const latents = options.latents ?? firingLatents(db, options.cacheId);
  const pending = pendingLatents(db, { ...options, latents });
  const now = options.now ?? (() => new Date());
  const result: ExplainLatentsResult = { explainerId: explainer.id, explained: 0, failed: 0, skipped: latents.length - pending.length, failures: [] };
  const failFast = explainer.kind === "llm" ? new FailFast() : undefined;
  const signal = failFast?.withSignal(options.signal) ?? options.signal;
  let done = 0;
  await parallelEach(
    pending,
    options.parallel ?? 16,
    async (latent) => {
      const examples = explanationExamples(db, stage, latent, options.examplesPerBin ?? EXPLANATION_EXAMPLES_PER_BIN, options.seed ?? 0);
      const outcome = await explainer.explain(examples, { signal });
      // A request cut short (by the caller, or by the fail-fast stop) is no answer: leave the latent for the next run.
      if (signal?.aborted) return;
      failFast?.record(outcome.ok ? null : outcome);
      storeExplainOutcome(db, { cacheId: options.cacheId, latent, explainerId: explainer.id }, outcome, storedSource(outcome.source), now(), result);
      done += 1;
      options.onProgress?.({ done, total: pending.length, latent, result: outcome });
    },
    signal,
  );
  failFast?.throwIfStopped();
  options.signal?.throwIfAborted();
  return result;
}
