// A /v1/completions answer to several prompts, as one completion per prompt in prompt order. vLLM answers one
// object whose choices carry `index` (the prompt's position, n = 1); llama.cpp server answers a JSON array of whole
// responses, one per prompt, each choice with its prompt's `index`. Either way the index, not the position, decides.
import { type LlmCompletion, parseLlmResponse } from "./llm-completion";

export interface BatchCompletions {
  /** One per prompt, in the order the prompts were sent. */
  completions: LlmCompletion[];
  /** Summed over the request (servers report usage per request, not per prompt). */
  usage: { promptTokens: number; completionTokens: number } | null;
  model: string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

interface RawUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
}

const tokens = (x: unknown) => (typeof x === "number" && x >= 0 ? x : 0);

export function parseBatchCompletions(json: unknown, promptCount: number): Parsed<BatchCompletions> {
  const responses = Array.isArray(json) ? json : [json];
  const completions: (LlmCompletion | undefined)[] = new Array(promptCount);
  const usage = { promptTokens: 0, completionTokens: 0, reported: false };
  let model: string | null = null;
  for (const response of responses) {
    if (!isObject(response) || !Array.isArray(response.choices)) return { ok: false, detail: "a response without a choices array" };
    if (isObject(response.usage)) {
      const u = response.usage as RawUsage;
      usage.promptTokens += tokens(u.prompt_tokens);
      usage.completionTokens += tokens(u.completion_tokens);
      usage.reported = true;
    }
    if (typeof response.model === "string") model ??= response.model;
    for (const choice of response.choices as unknown[]) {
      const index = isObject(choice) ? choice.index : undefined;
      if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= promptCount) {
        return { ok: false, detail: `choice index ${JSON.stringify(index)} is not a prompt position 0–${promptCount - 1}` };
      }
      if (completions[index]) return { ok: false, detail: `two choices for prompt ${index} (was n > 1 sent?)` };
      const parsed = parseLlmResponse("completions", { model: response.model, choices: [choice], usage: null });
      if (!parsed.ok) return { ok: false, detail: `choice ${index}: ${parsed.detail}` };
      completions[index] = parsed.completion;
    }
  }
  let missing = 0;
  for (let i = 0; i < promptCount; i++) if (!completions[i]) missing += 1;
  if (missing > 0) return { ok: false, detail: `${missing} of ${promptCount} prompts got no choice` };
  const { reported, ...counts } = usage;
  return { ok: true, value: { completions: completions as LlmCompletion[], usage: reported ? counts : null, model } };
}
