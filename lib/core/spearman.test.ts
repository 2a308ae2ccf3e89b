import { describe, expect, it } from "vitest";
import { averageRanks, spearmanRho } from "./spearman";

describe("averageRanks", () => {
  it("ranks from 1 and gives ties their mean rank", () => {
    // sorted: 1 (rank 1), 2, 2 (ranks 2, 3 → 2.5), 7 (rank 4)
    expect(Array.from(averageRanks([7, 2, 1, 2]))).toEqual([4, 2.5, 1, 2.5]);
  });
});

describe("spearmanRho", () => {
  it("is 1 for any increasing relation and −1 for a decreasing one", () => {
    expect(spearmanRho([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearmanRho([1, 2, 3, 4], [9, 4, 1, 0])).toBeCloseTo(-1, 12);
  });

  it("matches 1 − 6Σd²/(n(n²−1)) without ties", () => {
    // ranks x (1, 2, 3, 4, 5), y (2, 1, 4, 3, 5): d² = 1 + 1 + 1 + 1 + 0 = 4 → ρ = 1 − 24/120 = 0.8
    expect(spearmanRho([10, 20, 30, 40, 50], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it("is undefined when a side is constant", () => {
    expect(spearmanRho([1, 2, 3], [5, 5, 5])).toBeNaN();
  });
});
