// The explainer contract (seed paper §2): activating examples in, one short explanation out, with where it came from.

/** A context window with the latent's activation at each token (delphi: 32-token windows). */
export interface ActivationExample {
  tokens: readonly string[];
  activations: ArrayLike<number>;
}

/** `servedModel`: the name the server reported, when it is not the configured `model`. */
export type ExplanationSource = { kind: "llm"; model: string; servedModel?: string } | { kind: "statistical-baseline" };

export type ExplanationFailureReason =
  | "no-examples" // nothing to explain from
  | "llm-request-failed" // HTTP / network / timeout / malformed response, after retries
  | "answer-cut-off" // finish_reason "length" before the explanation line (a thinking model out of max_tokens)
  | "empty-answer" // the model answered nothing
  | "no-explanation-line" // no `[EXPLANATION]:` line
  | "empty-explanation" // the line is there but says nothing
  | "explanation-too-long" // more than a short sentence
  | "no-enriched-token"; // statistical baseline: no token stands out from the background

export type ExplanationResult =
  | { ok: true; explanation: string; source: ExplanationSource }
  | { ok: false; reason: ExplanationFailureReason; detail: string; source: ExplanationSource };

export interface ExplainOptions {
  signal?: AbortSignal;
}

export interface Explainer {
  /** e.g. "llm:meta-llama/Meta-Llama-3-8B-Instruct" or "statistical-baseline". */
  readonly id: string;
  readonly kind: "llm" | "baseline";
  /** max_tokens of each call, for estimates (LLM explainers only). */
  readonly maxTokens?: number;
  explain(examples: readonly ActivationExample[], options?: ExplainOptions): Promise<ExplanationResult>;
}

export function noExamplesFailure(source: ExplanationSource): ExplanationResult {
  return { ok: false, reason: "no-examples", detail: "no activating examples were given; cache activations first", source };
}
