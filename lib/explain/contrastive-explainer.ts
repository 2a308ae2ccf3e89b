// Contrastive explanations (the seed paper's proposed fix for low specificity, §4): the explainer sees the latent's
// examples next to excerpts where its nearest latents (decoder cosine) fire, and names what separates them. An LLM
// path (a prompt with both kinds of excerpt) and an offline baseline (tokens enriched where the latent fires against
// where its neighbours fire, among those enriched against the corpus).
import { delphiActivationLevel } from "@/lib/core/activation-levels";
import type { ChatMessage, LlmClient } from "@/lib/llm";
import { DELPHI_HIGHLIGHT_FRACTION, markAboveFractionOfMax } from "@/lib/llm";
import { EXPLANATION_ANSWER_LABEL, exampleLabel, LEVELS_LABEL } from "@/lib/llm";
import { type ActivationExample, type ExplainOptions, type ExplanationResult, noExamplesFailure } from "./explainer";
import { formatExplainerExample } from "./explainer-prompt";
import { LlmExplainer, type LlmExplainerOptions } from "./llm-explainer";
import { countFiringTokens, describeEnrichment, StatisticalExplainer, type StatisticalExplainerOptions } from "./statistical-explainer";
import { enrichedTokens, type TokenCounts } from "./token-enrichment";

/** An excerpt where a neighbouring latent fires: its activations mark the tokens; `activations` are this latent's. */
export interface ContrastExample {
  readonly tokens: readonly string[];
  readonly neighbourActivations: ArrayLike<number>;
  readonly activations: ArrayLike<number>;
}

export interface ContrastiveExplainer {
  /** "contrastive-baseline" or "llm:<model> (contrastive)": how its versions are told apart from the plain explainer's. */
  readonly id: string;
  readonly kind: "llm" | "baseline";
  explainContrast(examples: readonly ActivationExample[], negatives: readonly ContrastExample[], options?: ExplainOptions): Promise<ExplanationResult>;
}

export interface ContrastiveBaselineOptions extends StatisticalExplainerOptions {
  /** z a token needs against the neighbours' firing tokens (default 1: their sample is small). */
  contrastMinZ?: number;
}

/**
 * Offline contrastive baseline: the tokens (and preceding tokens) enriched where the latent fires both against the
 * corpus and against where its neighbours fire. When none separates it from them, the plain baseline's sentence.
 */
export class ContrastiveStatisticalExplainer implements ContrastiveExplainer {
  readonly id = "contrastive-baseline";
  readonly kind = "baseline" as const;
  /** The plain baseline: checks the background, and speaks when nothing separates the latent from its neighbours. */
  private readonly plain: StatisticalExplainer;

  constructor(
    private readonly background: TokenCounts,
    private readonly options: ContrastiveBaselineOptions = {},
  ) {
    this.plain = new StatisticalExplainer(background, options);
  }

  async explainContrast(examples: readonly ActivationExample[], negatives: readonly ContrastExample[]): Promise<ExplanationResult> {
    if (examples.length === 0) return this.plain.explain(examples);
    const own = countFiringTokens(examples);
    const theirs = countFiringTokens(negatives.map((n) => ({ tokens: n.tokens, activations: n.neighbourActivations })));
    const { maxTokens, maxPreceding } = this.options;
    const separating = (mine: TokenCounts, other: TokenCounts) => {
      const vsCorpus = enrichedTokens(mine, this.background, this.options);
      if (other.total === 0) return vsCorpus;
      const standsOut = new Set(vsCorpus.map((t) => t.token));
      return enrichedTokens(mine, other, { ...this.options, minZ: this.options.contrastMinZ ?? 1 }).filter((t) => standsOut.has(t.token));
    };
    const contrastive = describeEnrichment(separating(own.firing, theirs.firing), separating(own.preceding, theirs.preceding), maxTokens, maxPreceding);
    return contrastive ? { ok: true, explanation: contrastive, source: { kind: "statistical-baseline" } } : this.plain.explainCounts(own);
  }
}

const CONTRAST_OPEN = "[[";
const CONTRAST_CLOSE = "]]";

const CONTRASTIVE_INSTRUCTIONS = `You study the internal units ("latents") of a language model. Each latent responds to some feature of text, and your job is to say which, precisely enough to tell it apart from similar latents.

First you will see excerpts in which the latent is active: the tokens where it is most active are wrapped in << and >>, and "${LEVELS_LABEL}" lists them with the latent's strength from 0 to 10.

Then you will see excerpts in which similar latents are active, at the tokens wrapped in ${CONTRAST_OPEN} and ${CONTRAST_CLOSE}. Under each, "${LEVELS_LABEL}" gives this latent's own strength at those tokens, usually 0 or low: these are contexts it does not respond to, although they look alike.

Describe in one short sentence what makes this latent fire that the second kind of excerpt lacks. Be specific, do not list every example, and do not mention the marks or the numbers.

You may think it through briefly first. Your reply must end with one line in exactly this form:
${EXPLANATION_ANSWER_LABEL} <your sentence>`;

function maxActivation(examples: readonly { activations: ArrayLike<number> }[]): number {
  let max = 0;
  for (const { activations } of examples) for (let i = 0; i < activations.length; i += 1) max = Math.max(max, activations[i]);
  return max;
}

/** A neighbour's excerpt: its firing tokens in [[ ]], then this latent's level at each of them. */
export function formatContrastExample(example: ContrastExample, index: number, max: number): string {
  const marked = markAboveFractionOfMax(example.neighbourActivations, DELPHI_HIGHLIGHT_FRACTION);
  const text = example.tokens.map((t, i) => (marked[i] ? `${CONTRAST_OPEN}${t}${CONTRAST_CLOSE}` : t)).join("");
  const levels = example.tokens.flatMap((t, i) => (marked[i] ? [`(${JSON.stringify(t)}, ${max > 0 ? delphiActivationLevel(example.activations[i], max) : 0})`] : []));
  return `${exampleLabel(index + 1)} ${text}\n${LEVELS_LABEL} ${levels.join(", ") || "none"}`;
}

/** The contrastive prompt: levels of both kinds of excerpt on this latent's scale (the max over its own examples). */
export function buildContrastiveExplainerMessages(examples: readonly ActivationExample[], negatives: readonly ContrastExample[]): ChatMessage[] {
  const max = maxActivation(examples);
  const active = examples.map((e, i) => formatExplainerExample(e, i, max)).join("\n\n");
  const similar = negatives.map((n, i) => formatContrastExample(n, i, max)).join("\n\n");
  return [
    { role: "system", content: CONTRASTIVE_INSTRUCTIONS },
    { role: "user", content: `Excerpts where this latent is active:\n\n${active}\n\nExcerpts where similar latents are active:\n\n${similar || "none"}` },
  ];
}

/** The LLM path: the plain LLM explainer's call and answer parsing, on the contrastive prompt. */
export class LlmContrastiveExplainer implements ContrastiveExplainer {
  readonly id: string;
  readonly kind = "llm" as const;
  private readonly plain: LlmExplainer;

  constructor(client: LlmClient, options: LlmExplainerOptions = {}) {
    this.plain = new LlmExplainer(client, options);
    this.id = `${this.plain.id} (contrastive)`;
  }

  async explainContrast(examples: readonly ActivationExample[], negatives: readonly ContrastExample[], options: ExplainOptions = {}): Promise<ExplanationResult> {
    if (examples.length === 0) return noExamplesFailure({ kind: "llm", model: this.plain.id.slice("llm:".length) });
    return this.plain.explainMessages(buildContrastiveExplainerMessages(examples, negatives), options);
  }
}
