import { describe, expect, it } from "vitest";
import reference from "./fixtures/classification.json";
import { classificationScores, confusionCounts, rocAuc } from "./classification-scores";

describe("confusionCounts and classificationScores", () => {
  it("computes the scores by hand", () => {
    const counts = confusionCounts([1, 1, 0, 0, 1, 0], [true, false, false, true, true, false]);
    // TP: #0, #4 → 2; FP: #1 → 1; FN: #3 → 1; TN: #2, #5 → 2
    expect(counts).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1 });
    const s = classificationScores(counts);
    expect(s.accuracy).toBeCloseTo(4 / 6, 15);
    expect(s.precision).toBeCloseTo(2 / 3, 15);
    expect(s.recall).toBeCloseTo(2 / 3, 15);
    expect(s.specificity).toBeCloseTo(2 / 3, 15);
    expect(s.f1).toBeCloseTo(4 / 6, 15); // 2·2 / (2·2 + 1 + 1)
    expect(s.balancedAccuracy).toBeCloseTo(2 / 3, 15);
  });

  it("matches numpy on the reference cases", () => {
    for (const c of reference.cases) {
      const counts = confusionCounts(c.predicted, c.labels);
      expect(counts).toEqual(c.counts);
      const s = classificationScores(counts);
      for (const key of ["accuracy", "precision", "recall", "specificity", "f1", "balancedAccuracy"] as const) {
        expect(s[key], key).toBeCloseTo(c[key], 12);
      }
    }
  });

  it("returns NaN for ratios whose denominator is 0 (no positives, nothing predicted positive)", () => {
    const s = classificationScores(confusionCounts([0, 0, 0], [0, 0, 0]));
    expect(s.accuracy).toBe(1);
    expect(s.specificity).toBe(1);
    expect(s.recall).toBeNaN(); // no actual positives
    expect(s.precision).toBeNaN(); // nothing predicted positive
    expect(s.f1).toBeNaN(); // 0 / 0
    expect(s.balancedAccuracy).toBeNaN();
  });

  it("rejects unpaired or NaN labels", () => {
    expect(() => confusionCounts([1, 0], [1])).toThrow(/predicted has 2 labels but actual has 1/);
    expect(() => confusionCounts([1, Number.NaN], [1, 0])).toThrow(/predicted\[1\] is NaN/);
  });
});

describe("rocAuc", () => {
  it("counts ties as one half (Mann–Whitney), by hand", () => {
    // positives score 0.9, 0.5; negatives 0.5, 0.1. Pairs: (0.9 > 0.5) 1, (0.9 > 0.1) 1, (0.5 = 0.5) ½,
    // (0.5 > 0.1) 1 → 3.5 / 4 = 0.875
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBe(0.875);
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
    expect(rocAuc([1, 2, 3], [true, false, false])).toBe(0);
    expect(rocAuc([2, 2, 2, 2], [1, 0, 1, 0])).toBe(0.5);
    expect(rocAuc([-Infinity, 0, Infinity], [0, 1, 1])).toBe(1);
  });

  it("matches the pairwise definition computed in numpy, with many ties", () => {
    for (const c of reference.cases) expect(rocAuc(c.scores, c.labels)).toBeCloseTo(c.auc, 12);
  });

  it("is NaN when a class is missing", () => {
    expect(rocAuc([0.1, 0.2], [0, 0])).toBeNaN();
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it("rejects unpaired inputs and NaN scores", () => {
    expect(() => rocAuc([0.1], [1, 0])).toThrow(/scores has 1 values but actual has 2 labels/);
    expect(() => rocAuc([0.1, Number.NaN], [1, 0])).toThrow(/scores\[1\] is NaN/);
  });
});
