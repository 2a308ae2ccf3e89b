import { z } from "zod";
import { describeZodIssues } from "@/lib/formats/zod-issues";

export interface TopLogprob {
  token: string;
  logprob: number;
}

/** One generated token with its log-probability and the most likely alternatives at that position. */
export interface TokenLogprob {
  token: string;
  /** null only where the server had none (completions format with echo). */
  logprob: number | null;
  topLogprobs: TopLogprob[];
}

export interface LlmCompletion {
  /** The answer (message content), without the reasoning of a thinking model. */
  text: string;
  /** A thinking model's reasoning, kept apart by the server (vLLM, Ollama: `reasoning`; llama.cpp: `reasoning_content`). */
  reasoning: string | null;
  finishReason: string | null;
  /** null when the server returned no logprobs (not asked for, or not supported). */
  logprobs: TokenLogprob[] | null;
  usage: { promptTokens: number; completionTokens: number } | null;
  model: string | null;
}

// A log-probability, or llama.cpp's probability (`prob`, with `post_sampling_probs`): one of the two is required.
const probability = { logprob: z.number().optional(), prob: z.number().min(0).max(1).optional() };
const hasProbability = (e: { logprob?: number; prob?: number }) => e.logprob !== undefined || e.prob !== undefined;
const logprobOf = (e: { logprob?: number; prob?: number }) => e.logprob ?? Math.log(e.prob as number);

const topEntry = z
  .object({ token: z.string(), ...probability })
  .refine(hasProbability, "needs logprob or prob")
  .transform((e) => ({ token: e.token, logprob: logprobOf(e) }));

// Chat format: choices[0].logprobs.content[i].{token, logprob, top_logprobs[]}; llama.cpp with post_sampling_probs
// sends {token, prob, top_probs[]} instead; Ollama leaves top_logprobs out when empty.
const chatLogprobs = z.object({
  content: z
    .array(
      z
        .object({ token: z.string(), ...probability, top_logprobs: z.array(topEntry).nullish(), top_probs: z.array(topEntry).nullish() })
        .refine(hasProbability, "needs logprob or prob")
        .transform((e) => ({ token: e.token, logprob: logprobOf(e), top_logprobs: e.top_logprobs ?? e.top_probs ?? null })),
    )
    .nullable(),
});

// Completions format: choices[0].logprobs.{tokens, token_logprobs, top_logprobs[{token: logprob}]}.
const completionLogprobs = z.object({
  tokens: z.array(z.string()),
  token_logprobs: z.array(z.number().nullable()),
  top_logprobs: z.array(z.record(z.string(), z.number()).nullable()).nullish(),
});

// Either format may come from either endpoint (llama.cpp answers /v1/completions in the chat format).
const logprobsSchema = z.union([chatLogprobs, completionLogprobs]).nullish();

// vLLM's UsageInfo allows completion_tokens: null; counted as 0.
const usageSchema = z
  .object({ prompt_tokens: z.number().nonnegative().nullish(), completion_tokens: z.number().nonnegative().nullish() })
  .nullish();

const finishReason = z.string().nullish();

const chatResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), reasoning: z.string().nullish(), reasoning_content: z.string().nullish() }),
        finish_reason: finishReason,
        logprobs: logprobsSchema,
      }),
    )
    .min(1, "the response has no choices"),
  usage: usageSchema,
});

const completionResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(z.object({ text: z.string(), finish_reason: finishReason, logprobs: logprobsSchema }))
    .min(1, "the response has no choices"),
  usage: usageSchema,
});

export type LlmEndpoint = "chat" | "completions";

function toTokenLogprobs(raw: z.infer<typeof logprobsSchema>): TokenLogprob[] | null {
  if (!raw) return null;
  if ("content" in raw) {
    if (!raw.content) return null;
    return raw.content.map((t) => ({ token: t.token, logprob: t.logprob, topLogprobs: t.top_logprobs ?? [] }));
  }
  if (raw.tokens.length !== raw.token_logprobs.length) return null;
  return raw.tokens.map((token, i) => ({
    token,
    logprob: raw.token_logprobs[i] ?? null,
    topLogprobs: Object.entries(raw.top_logprobs?.[i] ?? {}).map(([t, logprob]) => ({ token: t, logprob })),
  }));
}

/** Validates a parsed JSON body from either endpoint; returns the typed completion or a description of what is wrong. */
export function parseLlmResponse(
  endpoint: LlmEndpoint,
  json: unknown,
): { ok: true; completion: LlmCompletion } | { ok: false; detail: string } {
  const schema = endpoint === "chat" ? chatResponseSchema : completionResponseSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, detail: describeZodIssues(parsed.error) };
  const body = parsed.data;
  const choice = body.choices[0];
  const text = "message" in choice ? (choice.message.content ?? "") : choice.text;
  const reasoning = "message" in choice ? (choice.message.reasoning ?? choice.message.reasoning_content ?? null) : null;
  return {
    ok: true,
    completion: {
      text,
      reasoning,
      finishReason: choice.finish_reason ?? null,
      logprobs: toTokenLogprobs(choice.logprobs),
      usage: body.usage
        ? { promptTokens: body.usage.prompt_tokens ?? 0, completionTokens: body.usage.completion_tokens ?? 0 }
        : null,
      model: body.model ?? null,
    },
  };
}
