import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks replaced and inserted words, keeping the shared ones", () => {
    // before: the | word | "cat" ; after: the | token | "cat" | in | quotes
    expect(wordDiff('the word "cat"', 'the token "cat" in quotes')).toEqual([
      { op: "same", text: "the" },
      { op: "removed", text: " word" },
      { op: "added", text: " token" },
      { op: "same", text: ' "cat"' },
      { op: "added", text: " in quotes" },
    ]);
  });

  it("is all same for equal texts and all added from nothing", () => {
    expect(wordDiff("a b", "a b")).toEqual([{ op: "same", text: "a b" }]);
    expect(wordDiff("", "new text")).toEqual([{ op: "added", text: "new text" }]);
    expect(wordDiff("old", "")).toEqual([{ op: "removed", text: "old" }]);
  });

  it("gives each side's text back from its segments", () => {
    const before = "numbers after a dollar sign";
    const after = "numbers  before a percent sign";
    const segments = wordDiff(before, after);
    expect(segments.filter((s) => s.op !== "removed").map((s) => s.text).join("")).toBe(after);
    expect(segments.filter((s) => s.op !== "added").map((s) => s.text).join("")).toBe(before);
  });
});
