// The simulate stage's LLM load for a run described by its sizes rather than read from a database: the seed paper's
// 32,768 latents × 10K prompts (§3, "327 million predictions") is planned with this before anything is cached.
import { type CallEstimate, CHARS_PER_TOKEN, NO_CALLS, promptTextTokens } from "@/lib/llm";
import { renderChatPrompt, type PromptFormat } from "@/lib/llm";
import { buildSimulationMessages } from "./simulation-prompt";

export interface DescribedSimulation {
  latents: number;
  /** Contexts simulated per latent (the paper: 10K). */
  promptsPerLatent: number;
  /** Tokens per context window; each is taken as one LLM token, plus one for each highlight marker. */
  windowTokens: number;
  /** Length of a typical explanation. */
  explanationChars: number;
  /** max_tokens per prompt. */
  maxTokens: number;
  batch: { size: number; promptFormat: PromptFormat } | null;
}

// The window's last token is wrapped in << and >>, about one token each.
const MARKER_TOKENS = 2;

export function estimateDescribedSimulation(run: DescribedSimulation): CallEstimate {
  if (run.latents === 0 || run.promptsPerLatent === 0) return NO_CALLS;
  const messages = buildSimulationMessages("x".repeat(run.explanationChars), []);
  const framingTokens = run.batch ? promptTextTokens(renderChatPrompt(messages.map((m) => ({ ...m, content: "" })), run.batch.promptFormat)) : 0;
  const prefixTokens = messages.reduce((sum, m) => sum + m.content.length, 0) / CHARS_PER_TOKEN + framingTokens;
  const calls = run.latents * run.promptsPerLatent;
  return {
    calls,
    requests: run.latents * (run.batch ? Math.ceil(run.promptsPerLatent / run.batch.size) : run.promptsPerLatent),
    promptTokens: calls * (prefixTokens + run.windowTokens + MARKER_TOKENS),
    completionTokens: calls * run.maxTokens,
    // Instructions and explanation come first, so a prefix cache computes them once per latent.
    sharedPromptTokens: run.latents * (run.promptsPerLatent - 1) * prefixTokens,
  };
}
