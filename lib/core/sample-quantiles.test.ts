import { describe, expect, it } from "vitest";
import reference from "./fixtures/quantiles.json";
import { sortedCopy } from "./numeric-input";
import { empiricalCdf, plottingPosition, quantileSorted, type QuantileType } from "./sample-quantiles";

const TYPES: QuantileType[] = [1, 7, 8, 9];

describe("quantileSorted", () => {
  it("matches numpy.quantile for all four Hyndman–Fan types (ties, zero mass, n = 1 and 2 included)", () => {
    for (const c of reference.cases) {
      const sorted = sortedCopy(c.name, c.values);
      for (const type of TYPES) {
        const expected = c.quantiles[String(type) as "1" | "7" | "8" | "9"];
        reference.ps.forEach((p, i) => {
          expect(quantileSorted(sorted, p, type), `${c.name}, type ${type}, p = ${p}`).toBeCloseTo(expected[i], 12);
        });
      }
    }
  });

  it("computes the textbook positions by hand on [1, 2, 3, 4]", () => {
    const x = [1, 2, 3, 4];
    // p = 0.25 — type 1: ceil(4·0.25) = 1 → 1; type 7: h = 3·0.25 + 1 = 1.75; type 8: h = (4 + 1/3)·0.25 + 1/3
    // = 17/12 ≈ 1.41667; type 9: h = 4.25·0.25 + 3/8 = 1.4375. Values equal h here since x_i = i.
    expect(quantileSorted(x, 0.25, 1)).toBe(1);
    expect(quantileSorted(x, 0.25, 7)).toBeCloseTo(1.75, 14);
    expect(quantileSorted(x, 0.25, 8)).toBeCloseTo(17 / 12, 14);
    expect(quantileSorted(x, 0.25, 9)).toBeCloseTo(1.4375, 14);
    // p = 0.5 — type 1: ceil(2) = 2 → 2; types 7, 8, 9: h = 2.5 → 2.5.
    expect(quantileSorted(x, 0.5, 1)).toBe(2);
    for (const t of [7, 8, 9] as const) expect(quantileSorted(x, 0.5, t)).toBeCloseTo(2.5, 14);
    // p = 0 and 1 give the extremes for every type (h clamped to [1, n]).
    for (const t of TYPES) expect([quantileSorted(x, 0, t), quantileSorted(x, 1, t)]).toEqual([1, 4]);
  });

  it("rejects p outside [0, 1] and empty samples", () => {
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(/probability in \[0, 1\], got 1.5/);
    expect(() => quantileSorted([1, 2], Number.NaN)).toThrow(/got NaN/);
    expect(() => quantileSorted([], 0.5)).toThrow(/sample size must be an integer ≥ 1, got 0/);
  });
});

describe("plottingPosition", () => {
  it("is the inverse of each estimator at every rank (a value maps back onto itself)", () => {
    const x = [-2, 0.5, 1, 2.2, 3.1, 4.4, 7.25];
    for (const type of TYPES) {
      x.forEach((value, i) => {
        expect(quantileSorted(x, plottingPosition(i + 1, x.length, type), type)).toBe(value);
      });
    }
  });

  it("uses Hazen (r − ½)/n for type 1 and (r − α)/(n + 1 − α − β) otherwise", () => {
    expect(plottingPosition(1, 4, 1)).toBe(0.125); // (1 − 0.5)/4
    expect(plottingPosition(2, 4, 7)).toBeCloseTo(1 / 3, 15); // (2 − 1)/(4 − 1)
    expect(plottingPosition(2, 4, 8)).toBeCloseTo(5 / 13, 15); // (2 − 1/3)/(4 + 1/3) = (5/3)/(13/3)
    expect(plottingPosition(2, 4, 9)).toBeCloseTo(13 / 34, 15); // (2 − 3/8)/(4 + 1/4) = (13/8)/(17/4)
    expect(() => plottingPosition(5, 4, 7)).toThrow(/rank must lie in \[1, 4\], got 5/);
  });
});

describe("empiricalCdf", () => {
  it("counts ties at x (fraction ≤ x)", () => {
    const sorted = [1, 2, 2, 2, 3];
    expect(empiricalCdf(sorted, 0.5)).toBe(0);
    expect(empiricalCdf(sorted, 1.5)).toBe(0.2);
    expect(empiricalCdf(sorted, 2)).toBe(0.8); // 4 of 5 values ≤ 2
    expect(empiricalCdf(sorted, 3)).toBe(1);
  });

  it("matches numpy mean(sample <= x)", () => {
    for (const c of reference.cases) {
      const sorted = sortedCopy(c.name, c.values);
      reference.xs.forEach((x, i) => expect(empiricalCdf(sorted, x)).toBe(c.cdf[i]));
    }
  });
});
