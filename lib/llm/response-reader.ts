// How each endpoint's JSON becomes the client's value: one completion (chat, completions) or one per prompt (batch).
import { type BatchCompletions, parseBatchCompletions } from "./batch-completions";
import { type LlmCompletion, type LlmEndpoint, parseLlmResponse } from "./llm-completion";

/** How one endpoint's JSON becomes a value, and the usage it reports. */
export interface ResponseReader<T> {
  endpoint: LlmEndpoint;
  parse(json: unknown): { ok: true; value: T } | { ok: false; detail: string };
  usage(value: T): { promptTokens: number; completionTokens: number } | null;
  model(value: T): string | null;
  /** Prompts answered by one value. */
  prompts(value: T): number;
}

const single = (endpoint: LlmEndpoint): ResponseReader<LlmCompletion> => ({
  endpoint,
  parse: (json) => {
    const parsed = parseLlmResponse(endpoint, json);
    return parsed.ok ? { ok: true, value: parsed.completion } : parsed;
  },
  usage: (c) => c.usage,
  model: (c) => c.model,
  prompts: () => 1,
});
export const CHAT_READER = single("chat");
export const COMPLETION_READER = single("completions");

export function batchReader(promptCount: number): ResponseReader<BatchCompletions> {
  return {
    endpoint: "completions",
    parse: (json) => parseBatchCompletions(json, promptCount),
    usage: (b) => b.usage,
    model: (b) => b.model,
    prompts: (b) => b.completions.length,
  };
}
