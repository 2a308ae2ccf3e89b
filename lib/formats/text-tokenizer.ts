import { Tokenizer } from "@huggingface/tokenizers";
import { FormatError } from "./format-error";

// An HF tokenizer.json (+ tokenizer_config.json when present) through tokenizers.js, the pure-JS port of Hugging
// Face tokenizers, so the browser and the server split text the same way. No file access: the browser loads it too.

export interface TextTokenizer {
  /** Token ids of `text`, no special tokens added (GPT-NeoX adds none by default). */
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** The text one token stands for (byte-level pieces of a multi-byte character show as U+FFFD). */
  tokenText(id: number): string;
  /** The id of a vocabulary entry such as "<|endoftext|>", if it exists. */
  idOf(token: string): number | undefined;
}

export function parseTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown, file = "tokenizer.json"): TextTokenizer {
  const json = tokenizerJson as { model?: { type?: string } } | null;
  if (typeof json !== "object" || json === null || typeof json.model !== "object") {
    throw new FormatError(file, "is not a Hugging Face tokenizer.json (no \"model\" object)");
  }
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, (tokenizerConfig ?? {}) as object);
  } catch (error) {
    throw new FormatError(file, `cannot be loaded by tokenizers.js (${(error as Error).message})`);
  }
  const decodeOptions = { skip_special_tokens: false, clean_up_tokenization_spaces: false };
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => tokenizer.decode([...ids], decodeOptions),
    tokenText: (id) => tokenizer.decode([id], decodeOptions),
    idOf: (token) => tokenizer.token_to_id(token),
  };
}
