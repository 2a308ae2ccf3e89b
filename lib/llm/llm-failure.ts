/** Why a logical LLM call failed, after any retries. Callers turn it into their own typed failure, never a silent 0. */
export type LlmFailureKind =
  | "http-status" // a non-2xx answer (4xx at once; 429/5xx once retries ran out)
  | "timeout" // no complete answer within timeoutMs, on every attempt
  | "network" // connection refused / reset, DNS, ...
  | "invalid-json" // a 2xx body that is not JSON
  | "invalid-shape" // JSON, but not an OpenAI-style completion
  | "retry-after-too-long" // the server asked to wait longer than the policy allows
  | "aborted"; // the caller's signal fired

export interface LlmFailure {
  kind: LlmFailureKind;
  /** Says what went wrong, with the offending value, and what to try. */
  message: string;
  attempts: number;
  status?: number;
}

export type LlmResult<T> = { ok: true; value: T } | { ok: false; failure: LlmFailure };

export const BODY_EXCERPT_CHARS = 300;

export function excerpt(text: string): string {
  return text.length > BODY_EXCERPT_CHARS ? `${text.slice(0, BODY_EXCERPT_CHARS)}…` : text;
}
