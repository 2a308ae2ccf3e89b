import type { TextTokenizer } from "@/lib/formats/text-tokenizer";

// The steps of encoding typed text that the server (/api/encode) and the browser (onnxruntime-web) share, so both
// refuse the same texts with the same words and answer in the same shape. No I/O: it runs in either place.

const MAX_ENCODE_TEXT_CHARS = 4000;

/** A request the pack cannot serve: text over the context length, or no coder at that layer. */
export class EncodeTextError extends Error {
  constructor(
    readonly reason: "too-long" | "no-coder",
    message: string,
  ) {
    super(message);
    this.name = "EncodeTextError";
  }
}

/** The tokens of a text and, per token, its active latents (activation > 0), strongest first. */
export interface TextLatents {
  tokens: { id: number; text: string }[];
  latents: { latent: number; activation: number }[][];
}

/** Token ids of `text`, refusing text over the character limit or the pack's context length. */
export function tokenizeWithinLimits(tokenizer: TextTokenizer, text: string, contextLength: number): Int32Array {
  if (text.length > MAX_ENCODE_TEXT_CHARS) {
    throw new EncodeTextError("too-long", `text is ${text.length} characters; the limit is ${MAX_ENCODE_TEXT_CHARS}`);
  }
  const ids = tokenizer.encode(text);
  if (ids.length > contextLength) {
    throw new EncodeTextError("too-long", `text is ${ids.length} tokens; the pack's context length is ${contextLength} tokens`);
  }
  return Int32Array.from(ids);
}

/** Each token's first `topN` TopK latents (values and indices [tokens, k], largest first) that are active. */
export function textLatents(tokenizer: TextTokenizer, ids: Int32Array, topValues: Float32Array, topIndices: Int32Array, k: number, topN: number): TextLatents {
  const n = Math.min(topN, k);
  const latents = Array.from(ids, (_, t) => {
    const row: { latent: number; activation: number }[] = [];
    for (let j = t * k; j < t * k + n && topValues[j] > 0; j++) row.push({ latent: topIndices[j], activation: topValues[j] });
    return row;
  });
  return { tokens: Array.from(ids, (id) => ({ id, text: tokenizer.tokenText(id) })), latents };
}
