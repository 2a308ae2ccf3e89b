import { cutOffDetail } from "@/lib/llm";
import type { ChatMessage, LlmClient } from "@/lib/llm";
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
  /** Default: the client's REWRITE_LLM_EXPLAIN_MAX_TOKENS, else DEFAULT_EXPLAINER_MAX_TOKENS. */
  maxTokens?: number;
  temperature?: number;
}

/** Asks an LLM for a one-sentence explanation from highlighted examples (delphi's default explainer, our wording). */
export class LlmExplainer implements Explainer {
  readonly id: string;
  readonly kind = "llm" as const;
  readonly maxTokens: number;
  private readonly source: ExplanationSource;

  constructor(
    private readonly client: LlmClient,
    private readonly options: LlmExplainerOptions = {},
  ) {
    this.id = `llm:${client.model}`;
    this.source = { kind: "llm", model: client.model };
    this.maxTokens = options.maxTokens ?? client.maxTokensFor("explain", DEFAULT_EXPLAINER_MAX_TOKENS);
  }

  async explain(examples: readonly ActivationExample[], options: ExplainOptions = {}): Promise<ExplanationResult> {
    if (examples.length === 0) return noExamplesFailure(this.source);
    return this.explainMessages(buildExplainerMessages(examples), options);
  }

  /** One call with the given prompt, its answer read as `explain` reads it (the contrastive explainer's prompt too). */
  async explainMessages(messages: ChatMessage[], options: ExplainOptions = {}): Promise<ExplanationResult> {
    const { maxTokens } = this;
    const result = await this.client.chat({
      messages,
      maxTokens,
      temperature: this.options.temperature ?? 0,
      signal: options.signal,
    });
    if (!result.ok) return { ok: false, reason: "llm-request-failed", detail: result.failure.message, source: this.source };
    // Provenance keeps the name the server reports beside the configured one when they differ (Ollama adds a tag).
    const served = result.value.model;
    const source = served && served !== this.client.model ? { ...this.source, servedModel: served } : this.source;
    const parsed = parseExplanation(result.value.text);
    if (parsed.ok) return { ok: true, explanation: parsed.explanation, source };
    if (result.value.finishReason === "length" && (parsed.reason === "no-explanation-line" || parsed.reason === "empty-answer")) {
      return { ok: false, reason: "answer-cut-off", detail: cutOffDetail("explain", maxTokens, result.value, "the explanation line"), source };
    }
    return { ok: false, reason: parsed.reason, detail: parsed.detail, source };
  }
}
