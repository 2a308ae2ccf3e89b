import { describe, expect, it } from "vitest";
import { typicalSimulatedMagnitudes, variantValue, type DecompositionVariant } from "./decomposition-variants";

// The four cases of one latent at one prompt, with typical magnitude m = 7:
//   hit (s 2, t 5), false positive (s 2, t 0), missed (s 0, t 5), true negative (s 0, t 0).
const cases = [
  [2, 5],
  [2, 0],
  [0, 5],
  [0, 0],
] as const;
const valuesOf = (variant: DecompositionVariant) => cases.map(([s, t]) => variantValue(variant, s, t, 7));

describe("variantValue", () => {
  it("simulated keeps s; true keeps t", () => {
    expect(valuesOf("simulated")).toEqual([2, 2, 0, 0]);
    expect(valuesOf("true")).toEqual([5, 0, 5, 0]);
  });

  it("perfect specificity drops false positives; perfect recall adds missed latents at m", () => {
    expect(valuesOf("perfect-specificity")).toEqual([2, 0, 0, 0]);
    expect(valuesOf("perfect-recall")).toEqual([2, 2, 7, 0]);
  });

  it("the true active set carries simulated magnitudes (m where missed); true magnitudes keep the simulated set", () => {
    expect(valuesOf("true-active-set")).toEqual([2, 0, 7, 0]);
    expect(valuesOf("true-magnitudes")).toEqual([5, 2, 0, 0]);
  });
});

describe("typicalSimulatedMagnitudes", () => {
  it("takes the median of non-zero calibrated predictions, else of non-zero true activations", () => {
    // 3 contexts × 3 latents. Latent 0: simulated {1, 3} → median 2; latent 1: never simulated active (one NaN),
    // truly {4, 6, 8} → 6; latent 2: neither → 0.
    const calibrated = [1, 0, 0, 3, Number.NaN, 0, 0, 0, 0];
    const truth = [9, 4, 0, 9, 6, 0, 0, 8, 0];
    expect(Array.from(typicalSimulatedMagnitudes(calibrated, truth, 3))).toEqual([2, 6, 0]);
  });

  it("names mismatched shapes", () => {
    expect(() => typicalSimulatedMagnitudes([1, 2], [1], 2)).toThrow(/must both be \[contexts × 2 latents\]/);
  });
});
