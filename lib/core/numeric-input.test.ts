import { describe, expect, it } from "vitest";
import { checkPairedSamples, checkSample, isTruthyLabel, sortedCopy } from "./numeric-input";

describe("numeric input checks", () => {
  it("name the argument, the index and the value", () => {
    expect(() => checkSample("scores", [])).toThrow(/scores is empty/);
    expect(() => checkSample("scores", [1, 2, Number.NaN])).toThrow(/scores\[2\] is NaN/);
    expect(() => checkPairedSamples("a", [1], "b", [1, 2])).toThrow(/a has 1 values but b has 2/);
    expect(() => isTruthyLabel("labels", [Number.NaN], 0)).toThrow(/labels\[0\] is NaN/);
  });

  it("sort numerically into a copy and read labels", () => {
    const input = [10, 9, 100, -1];
    expect(Array.from(sortedCopy("x", input))).toEqual([-1, 9, 10, 100]); // numeric, not lexicographic
    expect(input).toEqual([10, 9, 100, -1]);
    expect([true, false, 1, 0, 2].map((_, i, a) => isTruthyLabel("l", a, i))).toEqual([true, false, true, false, true]);
  });
});
