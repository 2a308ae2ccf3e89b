import { describe, expect, it } from "vitest";
import { pairedMeanDifference, pairedVerdictKind } from "./paired-difference";
import { createSeededRng } from "./seeded-rng";

describe("pairedMeanDifference", () => {
  it("averages draws per prompt before differencing: ((2+4)/2 − 1, (6+8)/2 − 10) = (2, −3), mean −0.5", () => {
    const ci = pairedMeanDifference([[2, 6], [4, 8]], [1, 10], createSeededRng(1), { resamples: 200 });
    expect(ci.estimate).toBe(-0.5);
    // Every resample of two prompts has mean 2, −0.5 or −3.
    expect(ci.lower).toBeGreaterThanOrEqual(-3);
    expect(ci.upper).toBeLessThanOrEqual(2);
  });

  it("gives a degenerate CI for a constant difference, however different the prompts are", () => {
    const reference = [1, 50, 3, 900];
    const ci = pairedMeanDifference([reference.map((x) => x + 0.25)], reference, createSeededRng(2), { resamples: 100 });
    expect([ci.estimate, ci.lower, ci.upper]).toEqual([0.25, 0.25, 0.25]);
    expect(pairedVerdictKind(ci)).toBe("worse");
  });

  it("separates a consistent small gain that two overlapping marginal CIs would miss", () => {
    const rng = createSeededRng(3);
    const reference = Array.from({ length: 200 }, () => 5 * rng.uniform()); // widely spread per-prompt CE
    const rewrite = reference.map((x) => x - 0.01 - 0.005 * rng.uniform()); // always 0.010–0.015 lower
    const ci = pairedMeanDifference([rewrite], reference, createSeededRng(4), { resamples: 500 });
    expect(ci.upper).toBeLessThan(-0.01 + 1e-12);
    expect(ci.lower).toBeGreaterThan(-0.015 - 1e-12);
    expect(pairedVerdictKind(ci)).toBe("beats");
  });

  it("calls a CI containing 0 indistinguishable, and names mismatched prompts", () => {
    expect(pairedVerdictKind({ lower: -0.1, upper: 0.2 })).toBe("indistinguishable");
    expect(() => pairedMeanDifference([[1, 2, 3]], [1, 2], createSeededRng(5))).toThrow(/draw 0 has 3 prompts but the reference has 2/);
  });
});
