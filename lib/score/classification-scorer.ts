import { classificationScores, type ClassificationScores, confusionCounts, rocAuc } from "@/lib/core/classification-scores";
import { type SeededRng, shuffleInPlace } from "@/lib/core/seeded-rng";
import { cutOffDetail, tokensAreIds } from "@/lib/llm";
import type { FailFast } from "@/lib/llm";
import { highlightTokens } from "@/lib/llm";
import type { LlmClient } from "@/lib/llm";
import type { LlmResult } from "@/lib/llm";
import type { LlmCompletion } from "@/lib/llm";
import { binaryProbabilities, type ParsedBinaryList, parseBinaryList } from "./binary-answer";
import { buildClassificationMessages } from "./classification-prompt";
import { correctHighlights, fuzzingHighlightCount, randomHighlights } from "./fuzzing-highlights";
import type { ClassificationTask, ScoredExample, ScoringExample } from "./scoring-example";

export interface ClassificationScoringOptions {
  task: ClassificationTask;
  explanation: string;
  examples: readonly ScoringExample[];
  client: LlmClient;
  /** Shuffles the examples across prompts and places fuzzing's random highlights. */
  rng: SeededRng;
  /** Excerpts per prompt (default 5). */
  examplesPerPrompt?: number;
  /** Alternatives read at each answer for P(1); 0 turns probabilities (and AUC) off. Default 5. */
  topLogprobs?: number;
  /** Told each prompt's outcome, so a server failing every prompt stops the run (score-stage.ts shares one). */
  failFast?: FailFast;
  signal?: AbortSignal;
  onProgress?: (progress: { donePrompts: number; totalPrompts: number }) => void;
}

export interface ClassificationScoreResult {
  task: ClassificationTask;
  /** In the order of the input examples. */
  examples: ScoredExample[];
  /** Over the examples with a usable answer; balancedAccuracy is the detection / fuzzing score. */
  scores: ClassificationScores;
  /** ROC AUC of the probabilities; NaN without logprobs or without both classes. */
  auc: number;
  answered: number;
  failed: number;
  /** Answered prompts without usable logprobs (none sent, or tokens as ids): their examples have no probability, so no AUC. */
  promptsWithoutLogprobs: number;
}

/** Room for a list of `examples` answers ("1, " is about two tokens) plus a little slack. */
export function classificationMaxTokens(examples: number): number {
  return 4 * examples + 16;
}

export const DEFAULT_EXAMPLES_PER_PROMPT = 5;

interface Shown {
  index: number;
  highlighted?: boolean[];
}

/** Which examples go in which prompt, in a seeded random order, with fuzzing highlights chosen. */
function arrange(options: ClassificationScoringOptions): Shown[][] {
  const { task, examples, rng } = options;
  const perPrompt = options.examplesPerPrompt ?? DEFAULT_EXAMPLES_PER_PROMPT;
  if (!Number.isInteger(perPrompt) || perPrompt < 1) {
    throw new Error(`examplesPerPrompt must be a positive integer, got ${perPrompt}`);
  }
  const order = shuffleInPlace(rng, Array.from({ length: examples.length }, (_, i) => i));
  const randomCount = task === "fuzzing" ? fuzzingHighlightCount(examples) : 0;
  const shown: Shown[] = order.map((index) => {
    if (task === "detection") return { index };
    const { activating, activations, tokens } = examples[index];
    const highlighted = activating ? correctHighlights(activations) : randomHighlights(tokens.length, randomCount, rng);
    return { index, highlighted };
  });
  const batches: Shown[][] = [];
  for (let start = 0; start < shown.length; start += perPrompt) batches.push(shown.slice(start, start + perPrompt));
  return batches;
}

function parsedAnswer(result: LlmResult<LlmCompletion>, expected: number, maxTokens: number): ParsedBinaryList {
  if (!result.ok) return { ok: false, reason: "llm-request-failed", detail: result.failure.message };
  const parsed = parseBinaryList(result.value.text, expected);
  if (parsed.ok || result.value.finishReason !== "length") return parsed;
  return { ok: false, reason: "answer-cut-off", detail: cutOffDetail("score", maxTokens, result.value, `a list of ${expected} answers`) };
}

/** Scores one prompt's examples into `scored`; true when the answer came without logprobs. */
async function scoreBatch(options: ClassificationScoringOptions, batch: Shown[], scored: ScoredExample[]): Promise<boolean> {
  const { examples, client, task } = options;
  const topLogprobs = options.topLogprobs ?? 5;
  const rendered = batch.map(({ index, highlighted }) =>
    highlighted ? highlightTokens(examples[index].tokens, highlighted) : examples[index].tokens.join(""),
  );
  const maxTokens = client.maxTokensFor("score", classificationMaxTokens(batch.length));
  const result = await client.chat({
    messages: buildClassificationMessages(task, options.explanation, rendered),
    maxTokens,
    temperature: 0,
    topLogprobs,
    signal: options.signal,
  });
  const parsed = parsedAnswer(result, batch.length, maxTokens);
  // A prompt cut short by the caller (or by the fail-fast stop) says nothing about the server.
  if (!(options.signal?.aborted && !result.ok)) options.failFast?.record(parsed.ok ? null : parsed);
  const probabilities = result.ok && parsed.ok ? binaryProbabilities(result.value.logprobs, parsed) : [];
  batch.forEach(({ index, highlighted }, k) => {
    const example = examples[index];
    const base = { ...example, ...(highlighted ? { highlighted } : {}) };
    if (!parsed.ok) {
      const failure = { reason: parsed.reason, detail: parsed.detail };
      scored[index] = { ...base, prediction: null, probability: null, correct: null, failure };
      return;
    }
    const prediction = parsed.values[k];
    scored[index] = { ...base, prediction, probability: probabilities[k], correct: (prediction === 1) === example.activating };
  });
  // vLLM's tokens-as-ids mode sends logprobs no answer can be found in: as good as none.
  const logprobs = result.ok ? result.value.logprobs : null;
  return result.ok && parsed.ok && topLogprobs > 0 && (logprobs === null || tokensAreIds(logprobs));
}

/**
 * Detection or fuzzing scoring of one explanation (delphi's classification scorers): several excerpts per
 * prompt, a 0/1 list back, then balanced accuracy and friends over the answered examples. Prompts that fail
 * leave their examples unanswered (prediction null, with the reason) rather than counting them as 0.
 */
export async function scoreByClassification(options: ClassificationScoringOptions): Promise<ClassificationScoreResult> {
  const batches = arrange(options);
  const scored = new Array<ScoredExample>(options.examples.length);
  let donePrompts = 0;
  let withoutLogprobs = 0;
  await Promise.all(
    batches.map(async (batch) => {
      if (await scoreBatch(options, batch, scored)) withoutLogprobs += 1;
      donePrompts += 1;
      options.onProgress?.({ donePrompts, totalPrompts: batches.length });
    }),
  );
  return { ...summarizeClassification(options.task, scored), promptsWithoutLogprobs: withoutLogprobs };
}

/** Scores over the answered examples; unanswered ones (prediction null) are counted as failed, never as 0. */
export function summarizeClassification(task: ClassificationTask, scored: ScoredExample[]): ClassificationScoreResult {
  const answered = scored.filter((e) => e.prediction !== null);
  const withProbability = answered.filter((e) => e.probability !== null);
  return {
    task,
    examples: scored,
    scores: classificationScores(confusionCounts(answered.map((e) => e.prediction === 1), answered.map((e) => e.activating))),
    auc: withProbability.length
      ? rocAuc(withProbability.map((e) => e.probability as number), withProbability.map((e) => e.activating))
      : Number.NaN,
    answered: answered.length,
    failed: scored.length - answered.length,
    promptsWithoutLogprobs: 0,
  };
}
