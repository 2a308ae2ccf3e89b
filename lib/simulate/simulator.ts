// The simulator contract (seed paper §2.2): given an explanation and a context window, predict how strongly
// the latent fires on the window's last token, on the 0–9 scale of Appendix A.
import type { SimulationFailureReason, SimulationOutcome } from "@/db/simulation-outcome";
import type { PromptFormat } from "@/lib/llm";

/** A context window as decoded tokens; the simulated position is the last one. */
export type ContextTokens = readonly string[];

export type { SimulationFailureReason, SimulationOutcome };

export interface SimulationProgress {
  index: number;
  outcome: SimulationOutcome;
  done: number;
  total: number;
}

export interface SimulateOptions {
  /** Called once per context as its outcome is known (in completion order, not input order). */
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortSignal;
}

export interface Simulator {
  /** e.g. "llm:meta-llama/Meta-Llama-3-8B-Instruct" or "lexical-baseline". */
  readonly id: string;
  readonly kind: "llm" | "baseline";
  /** max_tokens of each call, for estimates (LLM simulators only). */
  readonly maxTokens?: number;
  /** Prompts per request and their format, when batched (LLM simulators only), for estimates. */
  readonly batch?: { size: number; promptFormat: PromptFormat } | null;
  /** Requests the server takes at once (LLM simulators only): how many latents a stage runs side by side. */
  readonly concurrency?: number;
  /** One outcome per context, in the order of `contexts`. */
  simulate(explanation: string, contexts: readonly ContextTokens[], options?: SimulateOptions): Promise<SimulationOutcome[]>;
}

export const MAX_SIMULATED_LEVEL = 9;

export function emptyContextFailure(index: number): SimulationOutcome {
  return { ok: false, reason: "empty-context", detail: `context ${index} has no tokens; pass a window ending at the token to simulate` };
}
