import { describe, expect, it } from "vitest";
import { delphiActivationLevel, neuronExplainerActivationLevel } from "./activation-levels";

describe("activation levels", () => {
  it("delphi rounds up: any firing shows as ≥ 1", () => {
    // max 8: 10·a/8 → 0.1→0.125→1, 4→5→5, 4.1→5.125→6, 8→10, 9→11.25→10 (clamped), −1→−1.25→−1→0 (clamped)
    expect([0, 0.1, 4, 4.1, 8, 9, -1].map((a) => delphiActivationLevel(a, 8))).toEqual([0, 1, 5, 6, 10, 10, 0]);
  });

  it("neuron-explainer rounds down after relu", () => {
    // max 8: 0.1→0.125→0, 4→5, 4.1→5.125→5, 8→10, 9→11.25→10 (min), −1→relu 0→0
    expect([0, 0.1, 4, 4.1, 8, 9, -1].map((a) => neuronExplainerActivationLevel(a, 8))).toEqual([0, 0, 5, 5, 10, 10, 0]);
    expect(neuronExplainerActivationLevel(3, 0)).toBe(0); // max ≤ 0 → all zeros, as in neuron-explainer
  });

  it("rejects what each convention cannot scale", () => {
    expect(() => delphiActivationLevel(1, 0)).toThrow(/maxActivation must be a finite number > 0, got 0/);
    expect(() => delphiActivationLevel(Number.NaN, 1)).toThrow(/activation is NaN/);
    expect(() => neuronExplainerActivationLevel(Number.NaN, 1)).toThrow(/got NaN and 1/);
  });
});
