import { describe, expect, it } from "vitest";
import reference from "./fixtures/correlation.json";
import { pearsonCorrelation, rSquaredNeuronExplainer } from "./correlation";

describe("pearsonCorrelation", () => {
  it("computes r by hand", () => {
    // x = 1 2 3, y = 2 4 7: dx = −1 0 1, dy = −2.333 −0.333 2.667; Σdxdy = 5, Σdx² = 2, Σdy² = 12.667
    // r = 5 / √(2 · 12.667) = 5 / √25.333 ≈ 0.993399
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt(2 * (38 / 3)), 14);
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
  });

  it("matches numpy.corrcoef", () => {
    for (const c of reference.cases) expect(pearsonCorrelation(c.true, c.predicted)).toBeCloseTo(c.pearson, 12);
  });

  it("is NaN for a constant side and rejects unpaired input", () => {
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearsonCorrelation([1, 2], [1, 2, 3])).toThrow(/x has 2 values but y has 3/);
  });
});

describe("rSquaredNeuronExplainer", () => {
  it("uses the raw second moment of the truth, not its variance", () => {
    // t = 1 2 3, p = 1 1 1: mean((t − p)²) = (0 + 1 + 4)/3 = 5/3; mean(t²) = 14/3 → 1 − 5/14 = 9/14
    expect(rSquaredNeuronExplainer([1, 2, 3], [1, 1, 1])).toBeCloseTo(9 / 14, 15);
    expect(rSquaredNeuronExplainer([1, 2, 3], [0, 0, 0])).toBe(0); // predicting all zeros scores 0
    expect(rSquaredNeuronExplainer([0, 0], [1, 0])).toBeNaN();
  });

  it("matches the neuron-explainer formula in numpy", () => {
    for (const c of reference.cases) expect(rSquaredNeuronExplainer(c.true, c.predicted)).toBeCloseTo(c.rSquared, 12);
  });
});
