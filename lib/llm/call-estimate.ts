// What a stage will ask of the LLM server, shown before it starts: calls and tokens. Tokens are estimated from
// the prompts' length (about 4 characters per token for English with a BPE tokenizer), not counted by the model;
// where a stage counts the characters of every prompt it will send, `promptChars` holds that exact count.
import type { ChatMessage } from "./llm-client";

export const CHARS_PER_TOKEN = 4;

export interface CallEstimate {
  /** Prompts the model answers. */
  calls: number;
  /** HTTP requests carrying them, when several prompts share one (REWRITE_LLM_BATCH_SIZE); absent: one each. */
  requests?: number;
  /** The exact characters of every prompt to send, where counted (the prompt tokens are then promptChars / 4). */
  promptChars?: number;
  /** Over all calls. */
  promptTokens: number;
  /** At most this many (max_tokens × calls). */
  completionTokens: number;
  /** Prompt tokens that repeat across calls (instructions, explanation): a prefix cache (vLLM) computes them once. */
  sharedPromptTokens: number;
}

export const NO_CALLS: CallEstimate = { calls: 0, promptTokens: 0, completionTokens: 0, sharedPromptTokens: 0 };

export function approxTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

// Chat-format markup such as <|eot_id|> or <|im_start|> is one special token each, not its characters / 4.
const SPECIAL_TOKEN = /<\|[^|<>\s]{1,40}\|>/g;

/** Tokens of a prompt: each special token counts one, the rest of the text about 4 characters a token. */
export function promptTextTokens(text: string): number {
  const specials = text.match(SPECIAL_TOKEN)?.length ?? 0;
  return specials + text.replace(SPECIAL_TOKEN, "").length / CHARS_PER_TOKEN;
}

export function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + approxTokens(m.content), 0);
}

const optionalSum = (a: number | undefined, b: number | undefined, aDefault: number, bDefault: number) =>
  a === undefined && b === undefined ? undefined : (a ?? aDefault) + (b ?? bDefault);

export function addEstimates(a: CallEstimate, b: CallEstimate): CallEstimate {
  const requests = optionalSum(a.requests, b.requests, a.calls, b.calls);
  // A character count stays exact only when each side has one (a side without calls has nothing to count).
  const exactChars = (e: CallEstimate) => (e.calls === 0 ? (e.promptChars ?? 0) : e.promptChars);
  const [aChars, bChars] = [exactChars(a), exactChars(b)];
  const counted = a.promptChars !== undefined || b.promptChars !== undefined;
  const promptChars = counted && aChars !== undefined && bChars !== undefined ? aChars + bChars : undefined;
  return {
    calls: a.calls + b.calls,
    ...(requests !== undefined ? { requests } : {}),
    ...(promptChars !== undefined ? { promptChars } : {}),
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    sharedPromptTokens: a.sharedPromptTokens + b.sharedPromptTokens,
  };
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * One line, e.g. "1,200 calls in 19 requests, ≈ 540,000 prompt tokens (2,160,000 characters exactly; ≈ 380,000 of
 * them a shared prefix), ≤ 9,600 completion tokens".
 */
export function describeEstimate(estimate: CallEstimate): string {
  if (estimate.calls === 0) return "no LLM calls";
  const requests = estimate.requests !== undefined && estimate.requests !== estimate.calls ? ` in ${count(estimate.requests)} requests` : "";
  const notes = [
    ...(estimate.promptChars !== undefined ? [`${count(estimate.promptChars)} characters exactly`] : []),
    ...(estimate.sharedPromptTokens > 0 ? [`≈ ${count(estimate.sharedPromptTokens)} of them a shared prefix`] : []),
  ];
  const noted = notes.length ? ` (${notes.join("; ")})` : "";
  return `${count(estimate.calls)} calls${requests}, ≈ ${count(estimate.promptTokens)} prompt tokens${noted}, ≤ ${count(estimate.completionTokens)} completion tokens`;
}
