import { describe, expect, it } from "vitest";
import { countShares, positiveBinShares } from "./bin-shares";

describe("countShares", () => {
  it("divides by the total, and gives zeros for an empty histogram", () => {
    expect(countShares([1, 3, 0])).toEqual([0.25, 0.75, 0]);
    expect(countShares([0, 0])).toEqual([0, 0]);
  });
});

describe("positiveBinShares", () => {
  it("puts each step's mass in its bin, leaving the zero mass out (by hand)", () => {
    // Values 0, 0, 1, 2.5, 4 → steps: F(0) = 0.4, F(1) = 0.6, F(2.5) = 0.8, F(4) = 1.
    // Edges 0, 2, 4: bin [0, 2) holds 1 (0.2), bin [2, 4] holds 2.5 and 4 (0.4) → shares 1/3, 2/3.
    const shares = positiveBinShares(
      [
        { x: 0, p: 0.4 },
        { x: 1, p: 0.6 },
        { x: 2.5, p: 0.8 },
        { x: 4, p: 1 },
      ],
      [0, 2, 4],
    );
    expect(shares[0]).toBeCloseTo(1 / 3, 12);
    expect(shares[1]).toBeCloseTo(2 / 3, 12);
  });

  it("clamps values outside the edges into the end bins", () => {
    expect(
      positiveBinShares(
        [
          { x: 0.5, p: 0.5 },
          { x: 9, p: 1 },
        ],
        [1, 2, 3],
      ),
    ).toEqual([0.5, 0.5]);
  });

  it("is all zeros when nothing is positive, and refuses fewer than 2 edges", () => {
    expect(positiveBinShares([{ x: 0, p: 1 }], [0, 1])).toEqual([0]);
    expect(() => positiveBinShares([], [1])).toThrow(/at least 2 edges, got 1/);
  });
});
