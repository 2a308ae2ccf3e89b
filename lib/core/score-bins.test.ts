import { describe, expect, it } from "vitest";
import { uniformBinEdges } from "./bin-edges";
import { binByScore } from "./score-bins";

describe("binByScore", () => {
  it("averages values per score bin by hand", () => {
    // bins [0, .5), [.5, 1]: scores .1 .4 .5 1 → values 0.2 0.4 | 0.9 0.7; NaN in bin 1 is counted apart
    const bins = binByScore([0.1, 0.4, 0.5, 1, 0.3], [0.2, 0.4, 0.9, 0.7, Number.NaN], uniformBinEdges(0, 1, 2));
    expect(bins.map((b) => [b.lower, b.upper, b.count, b.undefinedCount])).toEqual([
      [0, 0.5, 2, 1],
      [0.5, 1, 2, 0],
    ]);
    // bin 0: mean 0.3, sd √((0.01 + 0.01)/1) = √0.02 ≈ 0.141421, se = √0.02/√2 = 0.1
    expect(bins[0].mean).toBeCloseTo(0.3, 15);
    expect(bins[0].standardDeviation).toBeCloseTo(Math.sqrt(0.02), 15);
    expect(bins[0].standardError).toBeCloseTo(0.1, 15);
    expect(bins[1].mean).toBeCloseTo(0.8, 15);
  });

  it("leaves empty bins NaN and single-value spreads NaN", () => {
    const bins = binByScore([0.95], [0.5], uniformBinEdges(0, 1, 10));
    expect(bins).toHaveLength(10);
    expect(bins[0].mean).toBeNaN();
    expect([bins[9].count, bins[9].mean]).toEqual([1, 0.5]);
    expect(bins[9].standardDeviation).toBeNaN();
  });

  it("rejects scores outside the bins and unpaired inputs", () => {
    expect(() => binByScore([1.2], [0.5], [0, 1])).toThrow(/scores\[0\] = 1.2 lies outside the bins \[0, 1\]/);
    expect(() => binByScore([0.5], [], [0, 1])).toThrow(/scores has 1 entries but values has 0/);
  });
});
