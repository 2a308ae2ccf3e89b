import { describe, expect, it } from "vitest";
import { ceIncreasePerPrompt, summarizeCeIncrease } from "./ce-increase";
import { createSeededRng } from "./seeded-rng";

describe("ceIncreasePerPrompt", () => {
  it("subtracts the clean CE per prompt", () => {
    // 3.5 − 3.0 = 0.5; 2.0 − 2.5 = −0.5; 4.25 − 4.0 = 0.25
    expect(Array.from(ceIncreasePerPrompt([3.5, 2.0, 4.25], [3.0, 2.5, 4.0]))).toEqual([0.5, -0.5, 0.25]);
  });

  it("rejects unpaired arrays", () => {
    expect(() => ceIncreasePerPrompt([1, 2], [1])).toThrow(/patchedCeNats has 2 values but cleanCeNats has 1/);
  });
});

describe("summarizeCeIncrease", () => {
  it("reports the mean increase and the median absolute difference with CIs around them", () => {
    const patched = [3.5, 2.0, 4.25, 3.0, 5.0];
    const clean = [3.0, 2.5, 4.0, 3.0, 3.0];
    // increase = [0.5, −0.5, 0.25, 0, 2]: mean = 2.25 / 5 = 0.45; |·| sorted = 0 0.25 0.5 0.5 2 → median 0.5
    const summary = summarizeCeIncrease(patched, clean, createSeededRng(11), { resamples: 500 });
    expect(summary.promptCount).toBe(5);
    expect(summary.meanIncreaseNats.estimate).toBeCloseTo(0.45, 15);
    expect(summary.medianAbsoluteDifferenceNats.estimate).toBe(0.5);
    for (const ci of [summary.meanIncreaseNats, summary.medianAbsoluteDifferenceNats]) {
      expect(ci.lower).toBeLessThanOrEqual(ci.estimate);
      expect(ci.upper).toBeGreaterThanOrEqual(ci.estimate);
      expect(ci.resamples).toBe(500);
    }
    // Bounds of any resample: the mean lies in [−0.5, 2], the median of |·| in [0, 2].
    expect(summary.meanIncreaseNats.lower).toBeGreaterThanOrEqual(-0.5);
    expect(summary.medianAbsoluteDifferenceNats.upper).toBeLessThanOrEqual(2);
  });
});
