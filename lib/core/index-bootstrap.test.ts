import { describe, expect, it } from "vitest";
import { bootstrapCi, mean } from "./bootstrap-ci";
import { indexBootstrapCi } from "./index-bootstrap";
import { createSeededRng } from "./seeded-rng";

describe("indexBootstrapCi", () => {
  it("draws bootstrapCi's resamples: the mean of a paired difference gets the same interval", () => {
    const a = [3, 1, 4, 1, 5];
    const b = [2, 7, 1, 8, 2];
    const difference = a.map((x, i) => x - b[i]);
    const byIndex = indexBootstrapCi(5, (idx) => idx.reduce((s, i) => s + difference[i], 0) / idx.length, createSeededRng(4), { resamples: 300 });
    const plain = bootstrapCi(difference, mean, createSeededRng(4), { resamples: 300 });
    expect(byIndex.estimate).toBeCloseTo(plain.estimate, 12);
    expect(byIndex.lower).toBeCloseTo(plain.lower, 12);
    expect(byIndex.upper).toBeCloseTo(plain.upper, 12);
    expect(byIndex.definedResamples).toBe(300);
  });

  it("leaves out resamples where the statistic is undefined", () => {
    // Fraction of "positive" observations that are flagged: undefined when a resample draws no positive one.
    const positive = [true, false, false, false];
    const flagged = [true, false, true, false];
    const sensitivity = (idx: Int32Array) => {
      const hits = Array.from(idx).filter((i) => positive[i]);
      return hits.length === 0 ? Number.NaN : hits.filter((i) => flagged[i]).length / hits.length;
    };
    const ci = indexBootstrapCi(4, sensitivity, createSeededRng(9), { resamples: 200 });
    // P(no positive in 4 draws) = (3/4)^4 ≈ 0.32, so about 136 of 200 resamples are defined, each giving 1.
    expect(ci.definedResamples).toBeGreaterThan(100);
    expect(ci.definedResamples).toBeLessThan(170);
    expect([ci.estimate, ci.lower, ci.upper]).toEqual([1, 1, 1]);
    expect(indexBootstrapCi(1, () => Number.NaN, createSeededRng(1), { resamples: 5 }).lower).toBeNaN();
  });
});
