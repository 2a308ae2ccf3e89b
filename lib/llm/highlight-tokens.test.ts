import { describe, expect, it } from "vitest";
import { highlightTokens, markAboveFractionOfMax, markLastToken } from "./highlight-tokens";

describe("highlightTokens", () => {
  it("wraps a marked token, keeping its leading space outside", () => {
    expect(highlightTokens(["The", " cat", " sat"], [false, true, false])).toBe("The <<cat>> sat");
  });

  it("merges adjacent marked tokens into one mark", () => {
    expect(highlightTokens(["New", " York", " City", " is"], [true, true, false, false])).toBe("<<New York>> City is");
    expect(highlightTokens(["a", "b", "c", "d"], [true, false, true, true])).toBe("<<a>>b<<cd>>");
  });

  it("marks a whitespace-only run as it is", () => {
    expect(highlightTokens(["end", "\n", "Next"], [false, true, false])).toBe("end<<\n>>Next");
  });

  it("rejects a mask of the wrong length", () => {
    expect(() => highlightTokens(["a", "b"], [true])).toThrow(/2 tokens but 1 marks/);
  });
});

describe("marks", () => {
  it("marks tokens strictly above 0.3 of the example's max", () => {
    // max 10: threshold 3; 3 itself is not above it.
    expect(markAboveFractionOfMax([0, 3, 3.5, 10, 1], 0.3)).toEqual([false, false, true, true, false]);
    expect(markAboveFractionOfMax([0, 0], 0.3)).toEqual([false, false]);
  });

  it("marks only the last token", () => {
    expect(markLastToken(3)).toEqual([false, false, true]);
  });
});
