import { describe, expect, it } from "vitest";
import { FormatError } from "./format-error";
import { parseTokenizer, readTokenizer } from "./tokenizer";

// The wrapper over tokenizers.js (the demo tokenizer's agreement with training/bpe.py is tokenizer-roundtrip.test.ts).

describe("readTokenizer", () => {
  const tokenizer = readTokenizer("packs/demo/model");

  it("encodes without special tokens and decodes back to the text", () => {
    const text = "The jury said it did find";
    const ids = tokenizer.encode(text);
    expect(ids.length).toBeGreaterThan(1);
    expect(tokenizer.decode(ids)).toBe(text);
    expect(ids.map((id) => tokenizer.tokenText(id)).join("")).toBe(text);
  });

  it("finds vocabulary entries by their string", () => {
    expect(tokenizer.idOf("<|endoftext|>")).toBe(0);
    expect(tokenizer.idOf("no such token here")).toBeUndefined();
  });

  it("rejects JSON that is not a tokenizer.json", () => {
    expect(() => parseTokenizer({ vocab: {} }, {}, "x/tokenizer.json")).toThrow(FormatError);
    expect(() => parseTokenizer({ vocab: {} }, {}, "x/tokenizer.json")).toThrow(/x\/tokenizer.json: is not a Hugging Face tokenizer.json/);
  });
});
