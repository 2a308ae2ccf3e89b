// The score stage over a cache (delphi's detection and fuzzing, used by the seed paper to rank latents, Fig. 3/4):
// each latent's current explanation is scored on held-out activating windows and silent windows; the scores are
// stored per (explanation, task, scorer) and the current explanation's mirrored into `latents`. Resumable: a task
// already scored for the current explanation by this scorer is skipped unless `force`. A task with no usable score
// is stored as a latent failure with its reason; a server failing every prompt stops the run (fail-fast.ts).
import type { RewriteDatabase } from "@/db/client";
import { explanationsWithScore, type NewExplanationScore, saveExplanationScore } from "@/db/explanation-scores";
import { currentExplanations, type ExplanationRow } from "@/db/explanations";
import { clearLatentFailure, recordLatentFailure } from "@/db/latent-failures";
import { findLatentDetail, firingLatents } from "@/db/latents";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { openStageCache, type StageCache, type StageCacheOptions } from "@/lib/cache/stage-cache";
import { windowExample } from "@/lib/cache/window-activations";
import { derivedSeed } from "@/lib/core/derived-seed";
import { parallelEach } from "@/lib/jobs/parallel-each";
import { type CallEstimate, messagesTokens, NO_CALLS } from "@/lib/llm";
import { FailFast } from "@/lib/llm";
import type { LlmClient } from "@/lib/llm";
import { buildClassificationMessages } from "./classification-prompt";
import { classificationMaxTokens, type ClassificationScoreResult, DEFAULT_EXAMPLES_PER_PROMPT, scoreByClassification } from "./classification-scorer";
import { LEXICAL_SCORER_ID, lexicalScorer } from "./lexical-classification";
import { scoreDetails } from "./score-details";
import type { ClassificationTask, ScoringExample } from "./scoring-example";
import { scoringWindows } from "./scoring-windows";

export interface ScoreLatentsOptions extends StageCacheOptions {
  cacheId: number;
  /** "llm" needs `client`; "lexical-baseline" runs offline and is stored under that name. */
  scorer: "llm" | "lexical-baseline";
  client?: LlmClient;
  tasks: readonly ClassificationTask[];
  /** Paper default 100 + 100. */
  activatingPerLatent?: number;
  nonActivatingPerLatent?: number;
  seed?: number;
  /** Default: every latent of the cache that fires (those without a current explanation are counted, not scored). */
  latents?: readonly number[];
  force?: boolean;
  examplesPerPrompt?: number;
  /** Latents scored at once (default 4); the LLM client's own limit caps the requests in flight. */
  parallel?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScoreProgress) => void;
  now?: () => Date;
}

export type LatentScoreOutcome =
  | { kind: "scored"; task: ClassificationTask; result: ClassificationScoreResult }
  | { kind: "failed"; task: ClassificationTask; reason: ScoreFailureReason; detail: string };

/** Progress over the latents with something to score. */
export interface ScoreProgress {
  done: number;
  total: number;
  latent: number;
  outcomes: LatentScoreOutcome[];
}

export type ScoreFailureReason =
  | "no-usable-answers" // every prompt failed (see the per-example failures)
  | "one-class-answered"; // answers exist only for activating or only for silent examples: balanced accuracy is undefined

export interface ScoreLatentsResult {
  scorerSource: string;
  /** (latent, task) pairs stored. */
  scored: number;
  failed: number;
  skipped: number;
  noExplanation: number;
  /** Examples without a usable answer, over all stored scores (they are left out of the metrics, never counted as 0). */
  failedExamples: number;
  /** Answered prompts that came without logprobs: their scores have no AUC (the server does not return logprobs). */
  promptsWithoutLogprobs: number;
  failures: { latent: number; task: ClassificationTask; reason: ScoreFailureReason; detail: string }[];
}

function scorerSourceOf(options: ScoreLatentsOptions): string {
  if (options.scorer === "lexical-baseline") return LEXICAL_SCORER_ID;
  if (!options.client) throw new Error('scorer "llm" needs an LLM client; set REWRITE_LLM_BASE_URL or use the lexical baseline');
  return `llm:${options.client.model}`;
}

interface LatentSample {
  examples: ScoringExample[];
  windows: number[];
}

/** Held-out activating windows (apart from the explainer's pool) and silent windows: the same for a run and its estimate. */
function latentWindows(db: RewriteDatabase, stage: StageCache, latent: number, options: ScoreLatentsOptions) {
  const detail = findLatentDetail(db, stage.row.id, latent);
  const exclude = new Set(detail?.quantileWindows.flatMap((w) => Array.from(w)) ?? []);
  const acts = stage.cache.latentActivations(latent);
  const totalWindows = stage.row.numContexts * Math.floor(stage.row.contextLength / stage.row.windowLength);
  const rng = createSeededRng(derivedSeed(options.seed ?? 0, `score-windows/${latent}`));
  const picked = scoringWindows(
    acts,
    stage.shape,
    { activating: options.activatingPerLatent ?? 100, nonActivating: options.nonActivatingPerLatent ?? 100, totalWindows, exclude },
    rng,
  );
  return { acts, picked };
}

/** The latent's windows as scorer examples. */
function latentSample(db: RewriteDatabase, stage: StageCache, latent: number, options: ScoreLatentsOptions): LatentSample {
  const { acts, picked } = latentWindows(db, stage, latent, options);
  const read = (window: number) => windowExample(stage.cache, acts, window, stage.shape, stage.tokenText);
  return {
    examples: [
      ...picked.activating.map(({ window, quantile }) => ({ ...read(window), activating: true, quantile })),
      ...picked.nonActivating.map((window) => ({ ...read(window), activating: false })),
    ],
    windows: [...picked.activating.map((a) => a.window), ...picked.nonActivating],
  };
}

type TaskScorer = (task: ClassificationTask) => ClassificationScoreResult | Promise<ClassificationScoreResult>;

function taskScorer(options: ScoreLatentsOptions, explanation: string, examples: ScoringExample[], latent: number, failFast?: FailFast): TaskScorer {
  const rngFor = (task: ClassificationTask) => createSeededRng(derivedSeed(options.seed ?? 0, `score/${task}/${latent}`));
  if (options.scorer === "lexical-baseline") {
    const lexical = lexicalScorer(explanation, examples);
    return (task) => lexical(task, rngFor(task));
  }
  const client = options.client as LlmClient;
  const signal = failFast?.withSignal(options.signal) ?? options.signal;
  return (task) =>
    scoreByClassification({ task, explanation, examples, client, rng: rngFor(task), examplesPerPrompt: options.examplesPerPrompt, failFast, signal });
}

function unusable(result: ClassificationScoreResult): { reason: ScoreFailureReason; detail: string } | null {
  if (result.answered === 0) {
    const first = result.examples.find((e) => e.failure)?.failure;
    return { reason: "no-usable-answers", detail: `no example of ${result.examples.length} got a usable answer; first: ${first?.reason}: ${first?.detail}` };
  }
  if (Number.isNaN(result.scores.balancedAccuracy)) {
    return { reason: "one-class-answered", detail: `the ${result.answered} answered examples are all activating or all silent` };
  }
  return null;
}

interface PendingScore {
  latent: number;
  explanation: ExplanationRow;
  tasks: ClassificationTask[];
}

export interface ScorePlan {
  pending: PendingScore[];
  /** (latent, task) pairs already scored for the current explanation by this scorer. */
  skipped: number;
  /** Latents without a current explanation: nothing to score. */
  noExplanation: number;
}

/** Which (latent, task) pairs a run would score. */
export function planScores(db: RewriteDatabase, options: ScoreLatentsOptions): ScorePlan {
  const scorerSource = scorerSourceOf(options);
  const latents = options.latents ?? firingLatents(db, options.cacheId);
  const current = currentExplanations(db, options.cacheId, latents);
  const ids = [...current.values()].map((e) => e.id);
  const done = new Map(options.tasks.map((task) => [task, options.force ? new Set<number>() : explanationsWithScore(db, ids, task, scorerSource)]));
  const plan: ScorePlan = { pending: [], skipped: 0, noExplanation: 0 };
  for (const latent of latents) {
    const explanation = current.get(latent);
    if (!explanation) {
      plan.noExplanation += 1;
      continue;
    }
    const tasks = options.tasks.filter((task) => !done.get(task)?.has(explanation.id));
    plan.skipped += options.tasks.length - tasks.length;
    if (tasks.length > 0) plan.pending.push({ latent, explanation, tasks });
  }
  return plan;
}

/**
 * Calls and tokens a run would ask of the LLM now (none for the lexical baseline). The calls are counted exactly:
 * each pending (latent, task) (what an interrupted run left included) asks one prompt per `examplesPerPrompt` of
 * that latent's own sample, which is smaller for a rarely firing latent. Tokens are measured on one prompt.
 */
export function estimateScoreCalls(db: RewriteDatabase, options: ScoreLatentsOptions): CallEstimate {
  if (options.scorer !== "llm") return NO_CALLS;
  const { pending } = planScores(db, options);
  if (pending.length === 0) return NO_CALLS;
  const perPrompt = options.examplesPerPrompt ?? DEFAULT_EXAMPLES_PER_PROMPT;
  const stage = openStageCache(db, options.cacheId, options);
  const calls = pending.reduce((sum, { latent, tasks }) => {
    const { picked } = latentWindows(db, stage, latent, options);
    return sum + tasks.length * Math.ceil((picked.activating.length + picked.nonActivating.length) / perPrompt);
  }, 0);
  const sample = latentSample(db, stage, pending[0].latent, options);
  const rendered = sample.examples.slice(0, perPrompt).map((e) => e.tokens.join(""));
  const [instructions] = buildClassificationMessages("detection", pending[0].explanation.text, rendered);
  return {
    calls,
    promptTokens: calls * messagesTokens(buildClassificationMessages("detection", pending[0].explanation.text, rendered)),
    completionTokens: calls * (options.client?.maxTokensFor("score", classificationMaxTokens(perPrompt)) ?? classificationMaxTokens(perPrompt)),
    sharedPromptTokens: (calls - 1) * messagesTokens([instructions]),
  };
}

export async function scoreLatents(db: RewriteDatabase, options: ScoreLatentsOptions): Promise<ScoreLatentsResult> {
  const scorerSource = scorerSourceOf(options);
  const stage = openStageCache(db, options.cacheId, options);
  const plan = planScores(db, options);
  const now = options.now ?? (() => new Date());
  const summary: ScoreLatentsResult = {
    scorerSource,
    scored: 0,
    failed: 0,
    skipped: plan.skipped,
    noExplanation: plan.noExplanation,
    failedExamples: 0,
    promptsWithoutLogprobs: 0,
    failures: [],
  };
  const failFast = options.scorer === "llm" ? new FailFast() : undefined;
  const signal = failFast?.withSignal(options.signal) ?? options.signal;
  let done = 0;
  await parallelEach(
    plan.pending,
    options.parallel ?? 4,
    async ({ latent, explanation, tasks }) => {
      const outcomes: LatentScoreOutcome[] = [];
      const sample = latentSample(db, stage, latent, options);
      const score = taskScorer(options, explanation.text, sample.examples, latent, failFast);
      for (const task of tasks) {
        const result = await score(task);
        // Prompts cut short (by the caller, or by the fail-fast stop) are no answers: leave the task for the next run.
        if (signal?.aborted) return;
        summary.promptsWithoutLogprobs += result.promptsWithoutLogprobs;
        const key = { cacheId: options.cacheId, latent, stage: task, source: scorerSource };
        const problem = unusable(result);
        if (problem) {
          summary.failed += 1;
          summary.failures.push({ latent, task, ...problem });
          outcomes.push({ kind: "failed", task, ...problem });
          recordLatentFailure(db, { ...key, explanationId: explanation.id, ...problem }, now());
          continue;
        }
        const record = scoreRecord(explanation.id, task, scorerSource, result, sample.windows, stage.shape.windowLength);
        saveExplanationScore(db, { ...record, servedModel: options.client?.differentServedModel() ?? null }, now());
        clearLatentFailure(db, key);
        summary.scored += 1;
        summary.failedExamples += result.failed;
        outcomes.push({ kind: "scored", task, result });
      }
      done += 1;
      options.onProgress?.({ done, total: plan.pending.length, latent, outcomes });
    },
    signal,
  );
  failFast?.throwIfStopped();
  options.signal?.throwIfAborted();
  return summary;
}

const orNull = (x: number) => (Number.isNaN(x) ? null : x);

function scoreRecord(
  explanationId: number,
  task: ClassificationTask,
  scorerSource: string,
  result: ClassificationScoreResult,
  windows: number[],
  windowLength: number,
): NewExplanationScore {
  return {
    explanationId,
    scorer: task,
    scorerSource,
    balancedAccuracy: result.scores.balancedAccuracy,
    precision: orNull(result.scores.precision),
    recall: orNull(result.scores.recall),
    f1: orNull(result.scores.f1),
    auc: orNull(result.auc),
    exampleCount: result.examples.length,
    failedCount: result.failed,
    detailsJson: JSON.stringify(scoreDetails(result, windows, windowLength)),
  };
}
