import type { ChatMessage } from "@/lib/llm";
import { highlightTokens, markLastToken } from "@/lib/llm";
import { CONTEXT_LABEL, EXPLANATION_LABEL } from "@/lib/llm";
import type { ContextTokens } from "./simulator";

// Our own wording of the seed paper's Appendix A prompt: same task, scale (0–9), skew towards 0 and answer format.
const SIMULATION_INSTRUCTIONS = `You study the internal units ("latents") of a language model. Each latent responds to some feature of text.

You will get a short explanation of what one latent responds to, then a passage whose final token is wrapped in << and >>. Judge how strongly the latent responds at that final token, reading the explanation and the text that leads up to the token.

Answer with one whole number from 0 to 9. 0 means the explanation has nothing to do with the final token; 9 means the final token is exactly what the explanation describes.

Keep in mind:
- Most tokens have nothing to do with any given latent, so 0 is by far the most common answer.
- Among related tokens, small numbers are more common than large ones: 1 is likelier than 2, 2 than 3, and so on. Save 9 for a perfect match.
- A latent often depends on the words just before the token as well as on the token itself.

Reply with a Python list holding that one number, for example [0] or [3], and nothing else.`;

/** Collapses line breaks so an explanation is always one line of the prompt. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Builds the simulator prompt for one (explanation, context) pair. Order matters for cost: the instructions and
 * the explanation come first and are identical for every context of one latent, so a server with prefix caching
 * (vLLM) reuses them; only the text after `Text:` changes.
 */
export function buildSimulationMessages(explanation: string, context: ContextTokens): ChatMessage[] {
  const text = simulationContextText(context);
  return [
    { role: "system", content: SIMULATION_INSTRUCTIONS },
    { role: "user", content: `${EXPLANATION_LABEL} ${oneLine(explanation)}\n\n${CONTEXT_LABEL} ${text}` },
  ];
}

/** The context as the prompt spells it (last token marked); the prompt is the explanation's part followed by this. */
export function simulationContextText(context: ContextTokens): string {
  return highlightTokens(context, markLastToken(context.length));
}
