import { describe, expect, it } from "vitest";
import type { TokenLogprob } from "@/lib/llm/llm-completion";
import { binaryProbabilities, parseBinaryList } from "./binary-answer";

const parsed = (answer: string, expected: number) => {
  const result = parseBinaryList(answer, expected);
  return result.ok ? result.values : result.reason;
};

describe("parseBinaryList", () => {
  it("reads the last list of 0/1", () => {
    expect(parsed("[1, 0, 1]", 3)).toEqual([1, 0, 1]);
    expect(parsed("Sure. Excerpt 2 mentions [money].\n[0,1]", 2)).toEqual([0, 1]);
  });

  it("names what is wrong", () => {
    expect(parsed("I cannot judge these.", 2)).toBe("no-list");
    expect(parsed("[1, 0]", 3)).toBe("wrong-length");
    expect(parsed("[1, 2]", 2)).toBe("not-binary");
    expect(parsed("[yes, no]", 2)).toBe("not-binary");
    const result = parseBinaryList("[1]", 2);
    expect(!result.ok && result.detail).toBe('expected 2 entries, got 1 in "[1]"');
  });
});

describe("binaryProbabilities", () => {
  const at = (token: string, top: Array<[string, number]>): TokenLogprob => ({
    token,
    logprob: 0,
    topLogprobs: top.map(([t, p]) => ({ token: t, logprob: Math.log(p) })),
  });

  it("is P(1)/(P(0)+P(1)) at each answer, ignoring other alternatives", () => {
    const tokens = [
      at("[", [["[", 1]]),
      at("1", [["1", 0.6], ["0", 0.2], ["2", 0.2]]), // .6/.8 = .75
      at(",", [[",", 1]]),
      at(" 0", [[" 0", 0.5], ["0", 0.25], [" 1", 0.25]]), // .25/1 = .25
      at("]", [["]", 1]]),
    ];
    const [first, second] = binaryProbabilities(tokens, 2);
    expect(first).toBeCloseTo(0.75, 12);
    expect(second).toBeCloseTo(0.25, 12);
  });

  it("returns nulls without logprobs or with too few answer tokens", () => {
    expect(binaryProbabilities(null, 2)).toEqual([null, null]);
    expect(binaryProbabilities([at("1", [["1", 1]])], 2)).toEqual([null, null]);
    expect(binaryProbabilities([at("1", [["x", 1]])], 1)).toEqual([null]);
  });
});
