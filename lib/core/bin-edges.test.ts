import { describe, expect, it } from "vitest";
import { binIndexOf, checkBinEdges, logBinEdges, uniformBinEdges } from "./bin-edges";

describe("bin edges", () => {
  it("builds uniform and log edges by hand", () => {
    expect(Array.from(uniformBinEdges(0, 1, 4))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const log = Array.from(logBinEdges(0.01, 100, 4)); // 10^-2, 10^-1, 10^0, 10^1, 10^2
    [0.01, 0.1, 1, 10, 100].forEach((e, i) => expect(log[i]).toBeCloseTo(e, 12));
    expect([log[0], log[4]]).toEqual([0.01, 100]); // ends exact
  });

  it("puts x in [e_i, e_{i+1}), the last bin closed, and −1 outside", () => {
    const edges = [0, 0.25, 0.5, 0.75, 1];
    expect([0, 0.1, 0.25, 0.5, 0.99, 1].map((x) => binIndexOf(edges, x))).toEqual([0, 0, 1, 2, 3, 3]);
    expect([-0.01, 1.01, Number.NaN].map((x) => binIndexOf(edges, x))).toEqual([-1, -1, -1]);
  });

  it("rejects bad ranges and edges with the values", () => {
    expect(() => uniformBinEdges(1, 1, 3)).toThrow(/finite min < max, got \[1, 1\]/);
    expect(() => logBinEdges(0, 1, 3)).toThrow(/log bins need min > 0, got 0/);
    expect(() => uniformBinEdges(0, 1, 0)).toThrow(/binCount must be an integer ≥ 1, got 0/);
    expect(() => checkBinEdges([0, 2, 1])).toThrow(/edge 1 = 2 and edge 2 = 1/);
    expect(() => checkBinEdges([0])).toThrow(/at least 2 values, got 1/);
  });
});
