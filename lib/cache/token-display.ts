// The display text of token ids for the latent pages, from the pack's own tokenizer (tokenizers.js), loaded
// once per process and again when tokenizer.json changes; each id's text is computed once.
import { statSync } from "node:fs";
import { join } from "node:path";
import { readTokenizer } from "@/lib/formats/tokenizer";

export type TokenText = (id: number) => string;

const cached = new Map<string, { mtimeMs: number; text: TokenText }>();

/** tokenText of the tokenizer in `modelDir` (an HF snapshot folder), memoized per id. */
export function tokenDisplay(modelDir: string): TokenText {
  const { mtimeMs } = statSync(join(modelDir, "tokenizer.json"));
  const hit = cached.get(modelDir);
  if (hit && hit.mtimeMs === mtimeMs) return hit.text;
  const tokenizer = readTokenizer(modelDir);
  const texts = new Map<number, string>();
  const text: TokenText = (id) => {
    let known = texts.get(id);
    if (known === undefined) {
      known = tokenizer.tokenText(id);
      texts.set(id, known);
    }
    return known;
  };
  cached.set(modelDir, { mtimeMs, text });
  return text;
}
