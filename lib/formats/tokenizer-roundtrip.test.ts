import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { describe, expect, it } from "vitest";

// The demo pack's byte-level BPE (training/bpe.py) must load in tokenizers.js and agree with the Python encoder.
const modelDir = join(process.cwd(), "packs/demo/model");
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

const tokenizer = new Tokenizer(
  readJson(join(modelDir, "tokenizer.json")) as object,
  readJson(join(modelDir, "tokenizer_config.json")) as object,
);
const fixture = readJson(join(process.cwd(), "packs/demo/fixtures/tokenizer-ids.json")) as {
  cases: { text: string; ids: number[] }[];
};

const roundTripTexts = [
  "The jury said it did find that many of Georgia's registration laws are outmoded.",
  "  two leading spaces, a\ttab, three   spaces and a trailing space ",
  "line one\nline two\n\n\nafter three newlines\r\nand a CRLF\n",
  "naïve café — Größe, Ελληνικά, русский, 日本語のテキスト, 한국어",
  "emoji 😀👍🏽 and a ZWJ family 👨‍👩‍👧 and flags 🇺🇸🇫🇷",
  "math ∑x² ≤ ∞, arrows ← →, control \u0007 bell and NBSP\u00a0here",
  "it's they're we've I'm you'll he'd 'quoted' “curly” ‘quotes’",
  "Numbers 1234567 3.14159 $1,000,000 (Applause.) -- e-mail: a@b.org",
  " ",
  "\n",
];

describe("demo pack tokenizer.json", () => {
  it.each(roundTripTexts.map((text) => [JSON.stringify(text), text]))("round-trips %s exactly", (_label, text) => {
    const ids = tokenizer.encode(text).ids;
    expect(ids.every((id) => id >= 0 && id < 4096)).toBe(true);
    expect(tokenizer.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false })).toBe(text);
  });

  it.each(fixture.cases.map((c) => [JSON.stringify(c.text).slice(0, 40), c]))(
    "gives the ids of training/bpe.py for %s",
    (_label, { text, ids }) => {
      expect(tokenizer.encode(text).ids).toEqual(ids);
    },
  );

  it("encodes the empty string to no ids", () => {
    expect(tokenizer.encode("").ids).toEqual([]);
  });

  it("keeps <|endoftext|> as the single special token id 0", () => {
    expect(tokenizer.encode("a<|endoftext|>b").ids).toContain(0);
    expect(tokenizer.decode([0], { skip_special_tokens: true })).toBe("");
  });
});
