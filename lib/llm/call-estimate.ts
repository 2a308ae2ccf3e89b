// What a stage will ask of the LLM server, shown before it starts: calls and tokens. Tokens are estimated from
// the prompts' length (about 4 characters per token for English with a BPE tokenizer), not counted by the model.
import type { ChatMessage } from "./llm-client";

export const CHARS_PER_TOKEN = 4;

export interface CallEstimate {
  calls: number;
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

export function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + approxTokens(m.content), 0);
}

export function addEstimates(a: CallEstimate, b: CallEstimate): CallEstimate {
  return {
    calls: a.calls + b.calls,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    sharedPromptTokens: a.sharedPromptTokens + b.sharedPromptTokens,
  };
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** One line, e.g. "1,200 calls, ≈ 540,000 prompt tokens (≈ 380,000 of them a shared prefix), ≤ 9,600 completion tokens". */
export function describeEstimate(estimate: CallEstimate): string {
  if (estimate.calls === 0) return "no LLM calls";
  const shared = estimate.sharedPromptTokens > 0 ? ` (≈ ${count(estimate.sharedPromptTokens)} of them a shared prefix)` : "";
  return `${count(estimate.calls)} calls, ≈ ${count(estimate.promptTokens)} prompt tokens${shared}, ≤ ${count(estimate.completionTokens)} completion tokens`;
}
