import { describe, expect, it } from "vitest";
import { topK, topKRows } from "./topk";

describe("topK", () => {
  it("returns the k largest values, largest first, with their indices", () => {
    const { values, indices } = topK([0.5, 3, -1, 2, 7, 0], 3);
    expect(Array.from(values)).toEqual([7, 3, 2]);
    expect(Array.from(indices)).toEqual([4, 1, 3]);
  });

  it("breaks ties by the lower index (the ONNX TopK rule)", () => {
    const { values, indices } = topK([1, 2, 2, 0, 2, 1], 4);
    expect(Array.from(values)).toEqual([2, 2, 2, 1]);
    expect(Array.from(indices)).toEqual([1, 2, 4, 0]);
    // relu'd pre-activations with fewer than k positives: zeros fill the rest in index order
    expect(Array.from(topK([0, 0, 5, 0], 3).indices)).toEqual([2, 0, 1]);
  });

  it("handles k = 0 and k = length, and rejects k out of range", () => {
    expect(topK([1, 2], 0).values.length).toBe(0);
    expect(Array.from(topK([1, 3, 2], 3).indices)).toEqual([1, 2, 0]);
    expect(() => topK([1, 2], 3)).toThrow(/0 ≤ k ≤ 2/);
  });

  it("works row by row on a [rows, cols] matrix", () => {
    const { values, indices } = topKRows(Float32Array.of(1, 4, 2, 9, 8, 7), 3, 2);
    expect(Array.from(values)).toEqual([4, 2, 9, 8]);
    expect(Array.from(indices)).toEqual([1, 2, 0, 1]);
  });
});
