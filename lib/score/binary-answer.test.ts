import { describe, expect, it } from "vitest";
import type { TokenLogprob } from "@/lib/llm";
import { binaryProbabilities, parseBinaryList } from "./binary-answer";

const parsed = (answer: string, expected: number) => {
  const result = parseBinaryList(answer, expected);
  return result.ok ? result.values : result.reason;
};

describe("parseBinaryList", () => {
  it("reads the last list of 0/1, with its text and where each entry starts", () => {
    expect(parsed("[1, 0, 1]", 3)).toEqual([1, 0, 1]);
    expect(parsed("Sure. Excerpt 2 mentions [money].\n[0,1]", 2)).toEqual([0, 1]);
    const list = parseBinaryList("Answer: [ 1,0 , 1] (1 = yes)", 3);
    expect(list.ok && { text: list.text, offsets: list.entryOffsets }).toEqual({ text: "[ 1,0 , 1]", offsets: [2, 4, 8] });
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
  const certain = (token: string) => at(token, [[token, 1]]);
  const listOf = (answer: string, expected: number) => {
    const list = parseBinaryList(answer, expected);
    if (!list.ok) throw new Error(list.detail);
    return list;
  };

  it("is P(1)/(P(0)+P(1)) at each answer, ignoring other alternatives", () => {
    const tokens = [
      certain("["),
      at("1", [["1", 0.6], ["0", 0.2], ["2", 0.2]]), // .6/.8 = .75
      certain(","),
      at(" 0", [[" 0", 0.5], ["0", 0.25], [" 1", 0.25]]), // .25/1 = .25
      certain("]"),
    ];
    const [first, second] = binaryProbabilities(tokens, listOf("[1, 0]", 2));
    expect(first).toBeCloseTo(0.75, 12);
    expect(second).toBeCloseTo(0.25, 12);
  });

  it("reads the list's own tokens when prose with digits follows it", () => {
    // "[1, 0, 1] (1 = yes)": the old reading took the last three 0/1 tokens, "0", "1" of the list and the "1" of
    // the note, so each probability moved one answer along.
    const tokens = [
      at("[1", [["[1", 0.9], ["[0", 0.1]]), // .9
      certain(","),
      at(" 0", [[" 0", 0.7], [" 1", 0.3]]), // .3
      certain(","),
      at(" 1", [[" 1", 0.6], [" 0", 0.4]]), // .6
      certain("]"),
      certain(" ("),
      certain("1"),
      certain(" ="),
      certain(" yes"),
      certain(")"),
    ];
    const probabilities = binaryProbabilities(tokens, listOf("[1, 0, 1] (1 = yes)", 3));
    [0.9, 0.3, 0.6].forEach((p, i) => expect(probabilities[i]).toBeCloseTo(p, 12));
  });

  it("returns nulls without logprobs, with token ids, or when the tokens do not spell the list", () => {
    const list = listOf("[1, 0]", 2);
    expect(binaryProbabilities(null, list)).toEqual([null, null]);
    expect(binaryProbabilities([certain("token_id:58"), certain("token_id:16")], list)).toEqual([null, null]);
    expect(binaryProbabilities([certain("[1]")], list)).toEqual([null, null]);
    // No 0/1 among the first entry's alternatives; the second is a certain " 0]" → P(1) = 0.
    expect(binaryProbabilities([at("[1", [["x", 1]]), certain(", 0]")], list)).toEqual([null, 0]);
  });
});
