import { describe, expect, it } from "vitest";
import { topTokens } from "./top-tokens";

describe("topTokens", () => {
  it("gives each row's most likely tokens with softmax probabilities", () => {
    // Row 0: logits (0, ln 3, 0, ln 4) → e^x = (1, 3, 1, 4), sum 9: token 3 (4/9), then 1 (3/9).
    // Row 1: (ln 2, ln 2, 0, 0) → (2, 2, 1, 1), sum 6: tokens 0 and 1 tie at 1/3, the lower id first.
    const logits = Float32Array.of(0, Math.log(3), 0, Math.log(4), Math.log(2), Math.log(2), 0, 0);
    const top = topTokens(logits, 4, 2);
    expect(Array.from(top.ids)).toEqual([3, 1, 0, 1]);
    [4 / 9, 3 / 9, 1 / 3, 1 / 3].forEach((p, i) => expect(top.probs[i]).toBeCloseTo(p, 6));
  });

  it("names a bad n", () => {
    expect(() => topTokens(new Float32Array(4), 4, 5)).toThrow(/n must be an integer in \[1, 4\]/);
  });
});
