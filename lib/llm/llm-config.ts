import { z } from "zod";
import { PROMPT_FORMATS, type PromptFormat } from "./prompt-format";

/** The stages that ask an LLM; each has its own answer budget (max_tokens). */
export type LlmStage = "explain" | "score" | "simulate";

// Server-side only: the browser never picks the endpoint (ARCHITECTURE.md, "Runtime choices").
export interface LlmConfig {
  /** Ends in `/v1`; endpoints are appended to it. */
  baseUrl: string;
  model: string;
  apiKey: string | null;
  concurrency: number;
  timeoutMs: number;
  /** "off" asks a reasoning model not to think (see THINKING_OFF_FIELDS); absent: the server's default. */
  thinking?: "off";
  /** max_tokens per stage, replacing the stage's default (a thinking model needs room to think before it answers). */
  maxTokens?: Partial<Record<LlmStage, number>>;
  /** The simulator's expected value: absent, renormalised over the digits read; "raw-sum", the seed paper's Σ p·d. */
  simulatorExpectedValue?: "raw-sum";
  /**
   * Simulator prompts sent `size` per /v1/completions request (vLLM, llama.cpp server), rendered in `promptFormat`;
   * absent: one chat request per prompt, which every server accepts.
   */
  batch?: { size: number; promptFormat: PromptFormat };
}

export const DEFAULT_LLM_CONCURRENCY = 8;
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;

/** The environment variable holding each stage's max_tokens. */
export const MAX_TOKENS_VARIABLES: Record<LlmStage, string> = {
  explain: "REWRITE_LLM_EXPLAIN_MAX_TOKENS",
  score: "REWRITE_LLM_SCORE_MAX_TOKENS",
  simulate: "REWRITE_LLM_SIMULATE_MAX_TOKENS",
};

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${name} must be between 1 and ${max}`);

const envSchema = z.object({
  REWRITE_LLM_BASE_URL: z.url({ protocol: /^https?$/, error: "REWRITE_LLM_BASE_URL must be an http(s) URL" }),
  REWRITE_LLM_MODEL: z
    .string({ error: "REWRITE_LLM_MODEL is not set; name the model the server serves (e.g. meta-llama/Meta-Llama-3-8B-Instruct)" })
    .trim()
    .min(1, "REWRITE_LLM_MODEL is empty"),
  REWRITE_LLM_API_KEY: z.string().optional(),
  REWRITE_LLM_CONCURRENCY: positiveInt("REWRITE_LLM_CONCURRENCY", 1024).optional(),
  REWRITE_LLM_TIMEOUT_MS: positiveInt("REWRITE_LLM_TIMEOUT_MS", 3_600_000).optional(),
  REWRITE_LLM_THINKING: z.enum(["on", "off"], { error: 'REWRITE_LLM_THINKING must be "on" (the server\'s default) or "off"' }).optional(),
  REWRITE_LLM_EXPLAIN_MAX_TOKENS: positiveInt("REWRITE_LLM_EXPLAIN_MAX_TOKENS", 1_000_000).optional(),
  REWRITE_LLM_SCORE_MAX_TOKENS: positiveInt("REWRITE_LLM_SCORE_MAX_TOKENS", 1_000_000).optional(),
  REWRITE_LLM_SIMULATE_MAX_TOKENS: positiveInt("REWRITE_LLM_SIMULATE_MAX_TOKENS", 1_000_000).optional(),
  REWRITE_LLM_SIMULATOR_EXPECTED_VALUE: z
    .enum(["renormalized", "raw-sum"], { error: 'REWRITE_LLM_SIMULATOR_EXPECTED_VALUE must be "renormalized" or "raw-sum"' })
    .optional(),
  REWRITE_LLM_BATCH_SIZE: positiveInt("REWRITE_LLM_BATCH_SIZE", 4096).optional(),
  REWRITE_LLM_PROMPT_FORMAT: z
    .enum(PROMPT_FORMATS, { error: `REWRITE_LLM_PROMPT_FORMAT must be one of ${PROMPT_FORMATS.join(", ")} (the served model's chat template)` })
    .optional(),
});

/** OpenAI-compatible servers are documented both with and without `/v1`; accept either. */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, "");
  return trimmed.endsWith("/v1") ? trimmed : `${trimmed}/v1`;
}

/**
 * Reads the LLM settings from the environment. Returns null when no base URL is set (LLM features are off);
 * throws an Error naming the variable and its bad value otherwise.
 */
export function readLlmConfig(env: Record<string, string | undefined>): LlmConfig | null {
  const raw = env.REWRITE_LLM_BASE_URL?.trim();
  if (!raw) return null;
  const parsed = envSchema.safeParse({ ...env, REWRITE_LLM_BASE_URL: raw });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      return `${issue.message} (got ${JSON.stringify(env[key] ?? null)})`;
    });
    throw new Error(`Invalid LLM settings: ${problems.join("; ")}`);
  }
  const values = parsed.data;
  if (values.REWRITE_LLM_BATCH_SIZE !== undefined && values.REWRITE_LLM_PROMPT_FORMAT === undefined) {
    throw new Error(
      `Invalid LLM settings: REWRITE_LLM_BATCH_SIZE (${values.REWRITE_LLM_BATCH_SIZE}) sends simulator prompts to /v1/completions, which applies ` +
        `no chat template; set REWRITE_LLM_PROMPT_FORMAT to the served model's (${PROMPT_FORMATS.join(", ")})`,
    );
  }
  const maxTokens: Partial<Record<LlmStage, number>> = {};
  for (const [stage, variable] of Object.entries(MAX_TOKENS_VARIABLES) as [LlmStage, keyof typeof values][]) {
    const value = values[variable];
    if (typeof value === "number") maxTokens[stage] = value;
  }
  return {
    baseUrl: normalizeBaseUrl(values.REWRITE_LLM_BASE_URL),
    model: values.REWRITE_LLM_MODEL,
    apiKey: values.REWRITE_LLM_API_KEY?.trim() || null,
    concurrency: values.REWRITE_LLM_CONCURRENCY ?? DEFAULT_LLM_CONCURRENCY,
    timeoutMs: values.REWRITE_LLM_TIMEOUT_MS ?? DEFAULT_LLM_TIMEOUT_MS,
    ...(values.REWRITE_LLM_THINKING === "off" ? { thinking: "off" as const } : {}),
    ...(Object.keys(maxTokens).length ? { maxTokens } : {}),
    ...(values.REWRITE_LLM_SIMULATOR_EXPECTED_VALUE === "raw-sum" ? { simulatorExpectedValue: "raw-sum" as const } : {}),
    ...(values.REWRITE_LLM_BATCH_SIZE !== undefined && values.REWRITE_LLM_PROMPT_FORMAT !== undefined
      ? { batch: { size: values.REWRITE_LLM_BATCH_SIZE, promptFormat: values.REWRITE_LLM_PROMPT_FORMAT } }
      : {}),
  };
}
