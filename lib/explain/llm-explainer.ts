import type { LlmClient } from "@/lib/llm/llm-client";
import { buildExplainerMessages } from "./explainer-prompt";
import {
  type ActivationExample,
  type ExplainOptions,
  type Explainer,
  type ExplanationResult,
  type ExplanationSource,
  noExamplesFailure,
} from "./explainer";
import { parseExplanation } from "./explanation-parser";

/** Room for brief reasoning before the final line. */
export const DEFAULT_EXPLAINER_MAX_TOKENS = 500;

export interface LlmExplainerOptions {
  maxTokens?: number;
  temperature?: number;
}

/** Asks an LLM for a one-sentence explanation from highlighted examples (delphi's default explainer, our wording). */
export class LlmExplainer implements Explainer {
  readonly id: string;
  readonly kind = "llm" as const;
  private readonly source: ExplanationSource;

  constructor(
    private readonly client: LlmClient,
    private readonly options: LlmExplainerOptions = {},
  ) {
    this.id = `llm:${client.model}`;
    this.source = { kind: "llm", model: client.model };
  }

  async explain(examples: readonly ActivationExample[], options: ExplainOptions = {}): Promise<ExplanationResult> {
    if (examples.length === 0) return noExamplesFailure(this.source);
    const result = await this.client.chat({
      messages: buildExplainerMessages(examples),
      maxTokens: this.options.maxTokens ?? DEFAULT_EXPLAINER_MAX_TOKENS,
      temperature: this.options.temperature ?? 0,
      signal: options.signal,
    });
    if (!result.ok) return { ok: false, reason: "llm-request-failed", detail: result.failure.message, source: this.source };
    const parsed = parseExplanation(result.value.text);
    if (parsed.ok) return { ok: true, explanation: parsed.explanation, source: this.source };
    const cut = result.value.finishReason === "length" ? "; the answer was cut off at max tokens, raise maxTokens" : "";
    return { ok: false, reason: parsed.reason, detail: parsed.detail + cut, source: this.source };
  }
}
