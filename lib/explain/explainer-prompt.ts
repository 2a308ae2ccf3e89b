import { delphiActivationLevel } from "@/lib/core/activation-levels";
import type { ChatMessage } from "@/lib/llm";
import { DELPHI_HIGHLIGHT_FRACTION, highlightTokens, markAboveFractionOfMax } from "@/lib/llm";
import { EXPLANATION_ANSWER_LABEL, exampleLabel, LEVELS_LABEL } from "@/lib/llm";
import type { ActivationExample } from "./explainer";

const EXPLAINER_INSTRUCTIONS = `You study the internal units ("latents") of a language model. Each latent responds to some feature of text, and your job is to say which.

You will see excerpts of text in which one latent is active. In each excerpt, the tokens where it is most active are wrapped in << and >>. Under each excerpt, "${LEVELS_LABEL}" lists those tokens with the latent's strength on a scale from 0 to 10, where 10 is the strongest seen in any excerpt.

Work out what the marked tokens have in common: the tokens themselves, and also the words just before them. Then describe it in one short sentence, such as "plural nouns after numbers" or "the word 'not' in negated statements". Be specific, do not list every example, and do not mention the marks or the numbers.

You may think it through briefly first. Your reply must end with one line in exactly this form:
${EXPLANATION_ANSWER_LABEL} <your sentence>`;

function maxOf(examples: readonly ActivationExample[]): number {
  let max = 0;
  for (const { activations } of examples) for (let i = 0; i < activations.length; i += 1) max = Math.max(max, activations[i]);
  return max;
}

/** One example's two lines: the highlighted text, then the (token, level) pairs of its marked tokens. */
export function formatExplainerExample(example: ActivationExample, index: number, maxActivation: number): string {
  if (example.tokens.length !== example.activations.length) {
    throw new Error(
      `example ${index}: ${example.tokens.length} tokens but ${example.activations.length} activations; they must align`,
    );
  }
  const marked = markAboveFractionOfMax(example.activations, DELPHI_HIGHLIGHT_FRACTION);
  const pairs: string[] = [];
  example.tokens.forEach((token, i) => {
    // A marked token implies maxActivation > 0, which delphiActivationLevel requires.
    if (marked[i]) pairs.push(`(${JSON.stringify(token)}, ${delphiActivationLevel(example.activations[i], maxActivation)})`);
  });
  return `${exampleLabel(index + 1)} ${highlightTokens(example.tokens, marked)}\n${LEVELS_LABEL} ${pairs.join(", ") || "none"}`;
}

/**
 * Builds the explainer prompt. Marks use each example's own max (so low-quantile examples still show where the
 * latent fires); levels use the max over all examples (so they compare across examples), as delphi does.
 */
export function buildExplainerMessages(examples: readonly ActivationExample[]): ChatMessage[] {
  const max = maxOf(examples);
  const body = examples.map((example, i) => formatExplainerExample(example, i, max)).join("\n\n");
  return [
    { role: "system", content: EXPLAINER_INSTRUCTIONS },
    { role: "user", content: body },
  ];
}
