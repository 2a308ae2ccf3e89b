// Answer failures shared by the LLM stages, and which of them come from the server or its settings rather than from
// the prompt. Those are asked again on the next run (the server may have been upgraded or reconfigured since) and,
// when they repeat, stop a run early (fail-fast.ts); the others (a refusal, a malformed list) are the model's answer.
import type { SetupFailureReason } from "@/db/simulation-outcome";
import type { LlmCompletion, TokenLogprob } from "./llm-completion";
import { type LlmStage, MAX_TOKENS_VARIABLES } from "./llm-config";

export type { SetupFailureReason };

const SETUP_FAILURES = new Set<string>(["llm-request-failed", "no-logprobs", "answer-cut-off", "tokens-are-ids", "answer-not-in-logprobs"]);

/** Whether a stored failure's cause can change without the prompt changing (the server, its version, a setting). */
export function isSetupFailure(reason: string): boolean {
  return SETUP_FAILURES.has(reason);
}

const ANSWER_SHOWN_CHARS = 200;

/** The answer as a JSON string, cut for messages. */
export function shownAnswer(text: string): string {
  return JSON.stringify(text.length > ANSWER_SHOWN_CHARS ? `${text.slice(0, ANSWER_SHOWN_CHARS)}…` : text);
}

/** Says the answer ran out of max_tokens before `expected`, how much went to reasoning, and which settings help. */
export function cutOffDetail(stage: LlmStage, maxTokens: number, completion: LlmCompletion, expected: string): string {
  const thought = completion.reasoning ? `; the model spent ${completion.reasoning.length} characters reasoning first` : "";
  return (
    `the answer was cut off at max_tokens ${maxTokens} (finish_reason "length") before ${expected}, got ${shownAnswer(completion.text)}${thought}; ` +
    `turn thinking off (REWRITE_LLM_THINKING=off) or raise ${MAX_TOKENS_VARIABLES[stage]}`
  );
}

export function noLogprobsDetail(completion: LlmCompletion): string {
  return (
    `the server returned no logprobs (answer ${shownAnswer(completion.text)}); use a server that returns logprobs on chat ` +
    "completions: vLLM, llama.cpp server, or Ollama 0.12.11 or later"
  );
}

const TOKEN_ID = /^token_id:\d+$/;

/** vLLM started with --return-tokens-as-token-ids names every token "token_id:<id>". */
export function tokensAreIds(logprobs: readonly TokenLogprob[]): boolean {
  return logprobs.length > 0 && logprobs.every((t) => TOKEN_ID.test(t.token));
}

export const TOKENS_ARE_IDS_DETAIL =
  'the server names logprob tokens by id ("token_id:…"), so the answer cannot be found among them; restart vLLM without --return-tokens-as-token-ids';
