// A simulator's answer as the predictions table stores it (seed paper §2.2: a prediction on the 0–9 scale, or a
// typed failure, never a silent 0). lib/simulate and lib/llm re-export these, so the row and the stage agree.

/** Failures from the server or its settings rather than the prompt: asked again on the next run (lib/llm/answer-failure.ts). */
export type SetupFailureReason =
  | "llm-request-failed" // HTTP / network / timeout / malformed response, after retries
  | "no-logprobs" // no logprobs, or no top_logprobs at the answer (Ollama before 0.12.11 ignores the request)
  | "answer-cut-off" // finish_reason "length" before the answer: often a thinking model out of max_tokens
  | "tokens-are-ids" // vLLM --return-tokens-as-token-ids: logprob tokens are "token_id:N", not text
  | "answer-not-in-logprobs"; // the logprobs' tokens do not spell the answer the content holds

export type SimulationFailureReason =
  | SetupFailureReason // the server or its settings: asked again on the next run
  | "refusal" // the model declined instead of answering a number
  | "no-digit-in-answer" // the answer has no `[d]`
  | "no-digit-in-top-logprobs" // a digit was answered but no digit is among the alternatives read
  | "empty-context"; // nothing to simulate

/** A prediction on 0–9, or a typed failure: never a silent 0, so calibration can leave the context out. */
export type SimulationOutcome =
  | { ok: true; prediction: number; digitProbs?: Float64Array }
  | { ok: false; reason: SimulationFailureReason; detail: string };
