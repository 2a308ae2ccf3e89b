// Examples shown to the detection and fuzzing scorers (Paulo et al. 2024, used by the seed paper to rank latents).

export interface ScoringExample {
  tokens: readonly string[];
  activations: ArrayLike<number>;
  /** Ground truth: drawn from where the latent fires (true) or from elsewhere (false). */
  activating: boolean;
  /** Quantile bin the example was sampled from (delphi's "distance"); absent for non-activating examples. */
  quantile?: number;
}

export type ClassificationTask = "detection" | "fuzzing";

export type ClassificationFailureReason =
  | "llm-request-failed" // HTTP / network / timeout / malformed response, after retries
  | "answer-cut-off" // finish_reason "length" before a full list (a thinking model out of max_tokens)
  | "no-list" // no Python-style list of 0/1 in the answer (refusals land here too)
  | "wrong-length" // a list, but not one entry per example
  | "not-binary"; // a list with entries other than 0 and 1

export interface ScoredExample extends ScoringExample {
  /** The model's 0/1 answer; null when the prompt's answer could not be used (see `failure`). */
  prediction: 0 | 1 | null;
  /** P(1) / (P(0) + P(1)) at the answer, from logprobs; null without them. */
  probability: number | null;
  correct: boolean | null;
  /** Fuzzing only: which tokens were shown highlighted. */
  highlighted?: readonly boolean[];
  failure?: { reason: ClassificationFailureReason; detail: string };
}
