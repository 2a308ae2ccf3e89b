import { DELPHI_HIGHLIGHT_FRACTION, markAboveFractionOfMax } from "@/lib/llm";
import {
  type ActivationExample,
  type Explainer,
  type ExplanationResult,
  type ExplanationSource,
  noExamplesFailure,
} from "./explainer";
import { type EnrichedToken, type EnrichmentOptions, enrichedTokens, type TokenCounts } from "./token-enrichment";

export interface FiringTokenCounts {
  /** Tokens at the positions where the latent fires. */
  firing: TokenCounts;
  /** The token just before each of those positions. */
  preceding: TokenCounts;
}

export interface StatisticalExplainerOptions extends EnrichmentOptions {
  /** At most this many tokens after "Fires on" (default 3) and after "after" (default 2). */
  maxTokens?: number;
  maxPreceding?: number;
}

function increment(counts: Map<string, number>, token: string): void {
  counts.set(token, (counts.get(token) ?? 0) + 1);
}

/**
 * Counts tokens where the latent fires, using the positions the LLM explainer would see marked
 * (above 0.3 of the example's max), and the tokens just before them.
 */
export function countFiringTokens(examples: readonly ActivationExample[]): FiringTokenCounts {
  const firing = new Map<string, number>();
  const preceding = new Map<string, number>();
  let firingTotal = 0;
  let precedingTotal = 0;
  for (const { tokens, activations } of examples) {
    markAboveFractionOfMax(activations, DELPHI_HIGHLIGHT_FRACTION).forEach((marked, i) => {
      if (!marked) return;
      increment(firing, tokens[i]);
      firingTotal += 1;
      if (i > 0) {
        increment(preceding, tokens[i - 1]);
        precedingTotal += 1;
      }
    });
  }
  return { firing: { counts: firing, total: firingTotal }, preceding: { counts: preceding, total: precedingTotal } };
}

/** How a token reads in the sentence: trimmed and quoted; whitespace-only tokens keep their escapes ("\n"). */
function quote(token: string): string {
  return JSON.stringify(token.trim() || token);
}

function quotedList(tokens: readonly EnrichedToken[], max: number): string {
  return [...new Set(tokens.map((t) => quote(t.token)))].slice(0, max).join(", ");
}

/** The plain sentence, e.g. `Fires on "the", "a" (and after "of")`; null when nothing is enriched. */
export function describeEnrichment(
  on: readonly EnrichedToken[],
  after: readonly EnrichedToken[],
  maxOn = 3,
  maxAfter = 2,
): string | null {
  const onList = quotedList(on, maxOn);
  const afterList = quotedList(after, maxAfter);
  if (onList && afterList) return `Fires on ${onList} (and after ${afterList})`;
  if (onList) return `Fires on ${onList}`;
  if (afterList) return `Fires after ${afterList}`;
  return null;
}

/**
 * Offline explainer baseline: names the tokens (and preceding tokens) most enriched where the latent fires,
 * relative to corpus token counts. It needs no LLM, and shows how far token statistics alone get.
 */
export class StatisticalExplainer implements Explainer {
  readonly id = "statistical-baseline";
  readonly kind = "baseline" as const;
  private readonly source: ExplanationSource = { kind: "statistical-baseline" };

  constructor(
    private readonly background: TokenCounts,
    private readonly options: StatisticalExplainerOptions = {},
  ) {
    if (!(background.total > 0)) {
      throw new Error(`StatisticalExplainer needs corpus token counts with a positive total, got total ${background.total}`);
    }
  }

  async explain(examples: readonly ActivationExample[]): Promise<ExplanationResult> {
    if (examples.length === 0) return noExamplesFailure(this.source);
    return this.explainCounts(countFiringTokens(examples));
  }

  /** The same, from counts already gathered (e.g. over a whole activation cache). */
  explainCounts({ firing, preceding }: FiringTokenCounts): ExplanationResult {
    const on = enrichedTokens(firing, this.background, this.options);
    const after = enrichedTokens(preceding, this.background, this.options);
    const explanation = describeEnrichment(on, after, this.options.maxTokens, this.options.maxPreceding);
    if (explanation) return { ok: true, explanation, source: this.source };
    return {
      ok: false,
      reason: "no-enriched-token",
      detail: `no token occurs at least ${this.options.minCount ?? 2} times with z ≥ ${this.options.minZ ?? 2} among ${firing.total} firing positions`,
      source: this.source,
    };
  }
}
