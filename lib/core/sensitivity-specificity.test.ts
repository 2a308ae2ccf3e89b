import { describe, expect, it } from "vitest";
import { sensitivitySpecificity, sensitivitySpecificityByLatent } from "./sensitivity-specificity";

describe("sensitivitySpecificity", () => {
  it("compares predicted-active with truly-active contexts (activation > 0) by hand", () => {
    // true active: #0 #1 #2; predicted active: #0 #3 #4. TP 1, FN 2, FP 2, TN 1 (#5)
    const s = sensitivitySpecificity([0.5, 0, 0, 1.2, 0.1, 0], [2, 1, 3, 0, 0, 0]);
    expect(s.sensitivity).toBeCloseTo(1 / 3, 15);
    expect(s.specificity).toBeCloseTo(1 / 3, 15);
    expect([s.trulyActiveCount, s.predictedActiveCount]).toEqual([3, 3]);
  });

  it("is NaN in sensitivity for a latent that never truly fired", () => {
    const s = sensitivitySpecificity([0, 1], [0, 0]);
    expect(s.sensitivity).toBeNaN();
    expect(s.specificity).toBe(0.5);
  });
});

describe("sensitivitySpecificityByLatent", () => {
  it("reads row-major [context × latent] matrices", () => {
    // 3 contexts × 2 latents. latent 0: pred 1 0 1 vs true 1 1 0 → TP 1, FN 1, FP 1, TN 0
    //                         latent 1: pred 0 0 2 vs true 0 0 5 → TP 1, TN 2
    const predicted = Float32Array.of(1, 0, 0, 0, 1, 2);
    const truth = Float32Array.of(1, 0, 1, 0, 0, 5);
    const [a, b] = sensitivitySpecificityByLatent(predicted, truth, 2);
    expect([a.sensitivity, a.specificity]).toEqual([0.5, 0]);
    expect([b.sensitivity, b.specificity]).toEqual([1, 1]);
  });

  it("counts raw scores as active above a threshold and leaves missing (NaN) predictions out", () => {
    // 4 contexts × 1 latent: raw 0.3, 2, NaN, 0 vs true 0, 1, 1, 0.
    const raw = [0.3, 2, Number.NaN, 0];
    const truth = [0, 1, 1, 0];
    // above 0: 0.3 is a false positive → TP 1, FP 1, TN 1; the NaN context is in neither count
    const [above0] = sensitivitySpecificityByLatent(raw, truth, 1);
    expect([above0.sensitivity, above0.specificity, above0.trulyActiveCount]).toEqual([1, 0.5, 1]);
    // above 0.5: 0.3 is inactive → TN 2
    const [aboveHalf] = sensitivitySpecificityByLatent(raw, truth, 1, 0.5);
    expect([aboveHalf.sensitivity, aboveHalf.specificity]).toEqual([1, 1]);
  });

  it("rejects a matrix whose size is not a multiple of latentCount", () => {
    expect(() => sensitivitySpecificityByLatent([1, 2, 3], [1, 2, 3], 2)).toThrow(/3 activations do not form rows of latentCount = 2/);
  });
});
