// `rewrite simulate`: latents' current explanations simulated on a seeded sample of cached tokens (each the last
// token of its window, §2.2), through the prediction cache, with how the predictions track the true activations.
import type { RewriteDatabase } from "@/db/client";
import { currentExplanations } from "@/db/explanations";
import { explanationHash, findPredictions } from "@/db/predictions";
import { firingLatents } from "@/db/latents";
import { pearsonCorrelation } from "@/lib/core/correlation";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { openStageCache, type StageCache, type StageCacheOptions } from "@/lib/cache/stage-cache";
import { activationsInSpan } from "@/lib/cache/window-activations";
import { addEstimates, type CallEstimate, CHARS_PER_TOKEN, NO_CALLS, promptTextTokens } from "@/lib/llm";
import { parallelEach } from "@/lib/jobs/parallel-each";
import { FailFast } from "@/lib/llm";
import { renderChatPrompt } from "@/lib/llm";
import { DEFAULT_SIMULATOR_MAX_TOKENS } from "./llm-simulator";
import { contextsEndingAt, type SimulationContext } from "./simulation-contexts";
import { buildSimulationMessages, simulationContextText } from "./simulation-prompt";
import { EARLY_STOP_CHUNK, type EarlyStopRun, simulateUntilNarrow } from "./early-stop";
import { reusableOutcome, type SimulationStageProgress } from "./simulation-stage";
import type { Simulator } from "./simulator";

export interface SimulateLatentsOptions extends StageCacheOptions {
  cacheId: number;
  simulator: Simulator;
  /** Default: every firing latent with a current explanation. */
  latents?: readonly number[];
  /** Cached tokens to simulate each latent on, drawn uniformly without replacement (default 1000). */
  tokens?: number;
  /** Tokens per context window, ending at the simulated token (delphi: 32). */
  windowLength?: number;
  seed?: number;
  /** Ask every context again, stored predictions included (`--force`). */
  force?: boolean;
  /** Stop a latent once the 95% bootstrap CI of its correlation is narrower than this (`--stop-at-ci-width`). */
  stopAtCiWidth?: number;
  signal?: AbortSignal;
  /** `contexts` is one latent's; `overall` counts contexts over every latent (several run at once). */
  onProgress?: (progress: { latent: number; latentIndex: number; latentCount: number; contexts: SimulationStageProgress; overall: { done: number; total: number } }) => void;
}

export interface LatentSimulationSummary {
  latent: number;
  explanation: string;
  simulatorId: string;
  contexts: number;
  /** Contexts asked before the CI of r was narrow enough; `contexts` when it never was or no width was asked. */
  asked: number;
  fromCache: number;
  failed: number;
  failuresByReason: Record<string, number>;
  /** Mean raw 0–9 prediction over the successful contexts. */
  meanPrediction: number;
  /** Contexts whose last token truly activates the latent. */
  activeContexts: number;
  /** Pearson r of raw predictions vs true activations over the successful contexts (NaN when either is constant). */
  correlation: number;
}

/** The simulated token positions: a seeded uniform sample, ascending. */
export function sampleTokenIndices(numTokens: number, count: number, seed: number): Uint32Array {
  return sampleWithoutReplacement(createSeededRng(seed), numTokens, Math.min(count, numTokens)).sort();
}

interface SimulationPlan {
  stage: StageCache;
  tokenIndices: Uint32Array;
  contexts: SimulationContext[];
  explained: { latent: number; explanation: string }[];
}

function plan(db: RewriteDatabase, options: SimulateLatentsOptions): SimulationPlan {
  const stage = openStageCache(db, options.cacheId, options);
  const latents = options.latents ?? firingLatents(db, options.cacheId);
  const current = currentExplanations(db, options.cacheId, latents);
  const tokenIndices = sampleTokenIndices(stage.cache.numTokens, options.tokens ?? 1000, options.seed ?? 0);
  const contexts = contextsEndingAt({ cacheId: options.cacheId, cache: stage.cache }, tokenIndices, options.windowLength ?? 32, stage.tokenText);
  const explained = latents.flatMap((latent) => {
    const row = current.get(latent);
    return row ? [{ latent, explanation: row.text }] : [];
  });
  return { stage, tokenIndices, contexts, explained };
}

/**
 * Calls, requests and prompt characters still to ask, counted exactly: the contexts the prediction cache has no
 * standing answer for (so a rerun after an interruption counts only what is left), none for the lexical baseline.
 * Each prompt is its explanation's part plus its context's text (simulation-prompt.ts), so both are measured once.
 */
export function estimateSimulateCalls(db: RewriteDatabase, options: SimulateLatentsOptions): CallEstimate {
  if (options.simulator.kind !== "llm") return NO_CALLS;
  const { contexts, explained } = plan(db, options);
  const ids = contexts.map((c) => c.contextId);
  const contextChars = contexts.map((c) => simulationContextText(c.tokens).length);
  const batch = options.simulator.batch;
  // /v1/completions prompts carry the chat format's markup too; a chat request's template is the server's own.
  const framing = batch ? renderChatPrompt(buildSimulationMessages("", []).map((m) => ({ ...m, content: "" })), batch.promptFormat) : "";
  const framingChars = framing.length;
  const framingTokens = promptTextTokens(framing);
  let estimate = NO_CALLS;
  for (const { explanation } of explained) {
    const stored = findPredictions(db, { simulatorId: options.simulator.id, explanationHash: explanationHash(explanation) }, ids);
    const missing = contexts.flatMap((c, i) => (reusableOutcome(stored.get(c.contextId), options) ? [] : [i]));
    if (missing.length === 0) continue;
    const prefixChars = charsOf(buildSimulationMessages(explanation, [])) + framingChars;
    const promptChars = missing.reduce((sum, i) => sum + prefixChars + contextChars[i], 0);
    estimate = addEstimates(estimate, {
      calls: missing.length,
      requests: batch ? Math.ceil(missing.length / batch.size) : missing.length,
      promptChars,
      promptTokens: (promptChars - framingChars * missing.length) / CHARS_PER_TOKEN + framingTokens * missing.length,
      completionTokens: (options.simulator.maxTokens ?? DEFAULT_SIMULATOR_MAX_TOKENS) * missing.length,
      // Instructions and explanation come first (simulation-prompt.ts), so every context of a latent shares them.
      sharedPromptTokens: ((prefixChars - framingChars) / CHARS_PER_TOKEN + framingTokens) * (missing.length - 1),
    });
  }
  return estimate;
}

const charsOf = (messages: readonly { content: string }[]) => messages.reduce((sum, m) => sum + m.content.length, 0);

// Enough latents side by side for a fleet at REWRITE_LLM_CONCURRENCY in the hundreds with a few requests per latent.
const MAX_LATENTS_IN_FLIGHT = 64;

/**
 * Latents simulated at once, so the server has about `concurrency` requests to work on: a latent offers
 * ⌈contexts / batch size⌉ requests at a time (⌈100 / batch size⌉ when it stops early, by chunks).
 */
export function latentsInFlight(simulator: Simulator, contextsAtOnce: number): number {
  if (simulator.kind !== "llm" || !simulator.concurrency) return 1;
  const requests = Math.max(1, Math.ceil(contextsAtOnce / (simulator.batch?.size ?? 1)));
  return Math.max(1, Math.min(MAX_LATENTS_IN_FLIGHT, Math.ceil(simulator.concurrency / requests)));
}

export async function simulateLatents(db: RewriteDatabase, options: SimulateLatentsOptions): Promise<LatentSimulationSummary[]> {
  const { stage, tokenIndices, contexts, explained } = plan(db, options);
  const summaries: LatentSimulationSummary[] = new Array(explained.length);
  // One for the run: a server that fails every call stops it within a few calls, whichever latent they were for.
  const failFast = new FailFast();
  const doneOf = new Float64Array(explained.length);
  const overall = { done: 0, total: explained.length * contexts.length };
  const atOnce = options.stopAtCiWidth === undefined ? contexts.length : Math.min(EARLY_STOP_CHUNK, contexts.length);
  await parallelEach(explained, latentsInFlight(options.simulator, atOnce), async ({ latent, explanation }, latentIndex) => {
    let fromCache = 0;
    const acts = stage.cache.latentActivations(latent);
    const truth = Array.from(tokenIndices, (t) => activationsInSpan(acts, t, 1)[0]);
    const run = await simulateUntilNarrow(
      db,
      { simulator: options.simulator, explanation, contexts, truth, force: options.force, failFast, signal: options.signal },
      options.stopAtCiWidth,
      (options.seed ?? 0) + latent,
      (p) => {
        fromCache = p.fromCache;
        overall.done += p.done - doneOf[latentIndex];
        doneOf[latentIndex] = p.done;
        options.onProgress?.({ latent, latentIndex, latentCount: explained.length, contexts: p, overall: { ...overall } });
      },
    );
    summaries[latentIndex] = summarize(latent, explanation, options.simulator.id, contexts.length, run, truth, fromCache);
  }, options.signal);
  options.signal?.throwIfAborted();
  return summaries;
}

function summarize(latent: number, explanation: string, simulatorId: string, contextCount: number, run: EarlyStopRun, truth: readonly number[], fromCache: number): LatentSimulationSummary {
  const predicted: number[] = [];
  const paired: number[] = [];
  const failuresByReason: Record<string, number> = {};
  run.outcomes.forEach((outcome, i) => {
    if (outcome === undefined) return;
    if (!outcome.ok) failuresByReason[outcome.reason] = (failuresByReason[outcome.reason] ?? 0) + 1;
    else {
      predicted.push(outcome.prediction);
      paired.push(truth[i]);
    }
  });
  return {
    latent,
    explanation,
    simulatorId,
    contexts: contextCount,
    asked: run.asked,
    fromCache,
    failed: run.asked - predicted.length,
    failuresByReason,
    meanPrediction: predicted.length ? predicted.reduce((a, b) => a + b, 0) / predicted.length : Number.NaN,
    activeContexts: truth.filter((a, i) => a > 0 && run.outcomes[i] !== undefined).length,
    correlation: predicted.length > 1 ? pearsonCorrelation(predicted, paired) : Number.NaN,
  };
}
