import { describe, expect, it } from "vitest";
import { crossEntropyAtRows, crossEntropyNats, nextTokenCrossEntropy } from "./cross-entropy";

describe("cross-entropy in nats", () => {
  it("is log(V) for uniform logits and ln(1 + e^−2) for a 2-way margin of 2", () => {
    expect(crossEntropyNats([0, 0, 0, 0], 2)).toBeCloseTo(Math.log(4), 12);
    expect(crossEntropyNats([3, 1], 0)).toBeCloseTo(Math.log(1 + Math.exp(-2)), 12);
    expect(crossEntropyNats([3, 1], 1)).toBeCloseTo(2 + Math.log(1 + Math.exp(-2)), 12);
  });

  it("stays finite for huge logits (max-shifted log-sum-exp)", () => {
    expect(crossEntropyNats([1000, 0], 1)).toBeCloseTo(1000, 9);
    expect(crossEntropyNats([-1e4, -1e4 + Math.log(3)], 1)).toBeCloseTo(Math.log(4 / 3), 9);
  });

  it("picks rows of a [rows, vocab] matrix and next tokens of a sequence", () => {
    const logits = Float32Array.of(0, 0, 0, /* row 1 */ 2, 0, 0, /* row 2 */ 0, 0, 5);
    expect(Array.from(crossEntropyAtRows(logits, 3, [2, 0], [2, 1]))).toEqual([crossEntropyNats([0, 0, 5], 2), Math.log(3)]);
    const ce = nextTokenCrossEntropy(logits, 3, [1, 0, 2]); // row 0 predicts 0, row 1 predicts 2
    expect(ce.length).toBe(2);
    expect(ce[0]).toBeCloseTo(Math.log(3), 12);
    expect(ce[1]).toBeCloseTo(2 + Math.log(1 + 2 * Math.exp(-2)), 6);
  });

  it("rejects targets outside the vocabulary", () => {
    expect(() => crossEntropyNats([0, 1], 2)).toThrow(/outside the vocabulary/);
  });
});
