import { describe, expect, it } from "vitest";
import { predictedActivations } from "@/lib/calibrate";
import { DECOMPOSITION_VARIANTS, type DecompositionVariant } from "./decomposition-variants";
import { runErrorDecomposition, type ErrorDecomposition } from "./error-decomposition";
import { handInputs } from "@/lib/evaluate/testing/hand-example";

// The hand example (hand-example.ts): P = 2, L = 4, k = 2, W_dec = [1, 2, 3, 4], b_dec 0.5, skip [0, 1],
// target [11, 14], clean CE [1, 2]; ce = clean + (r − target)². Transcoder TopK: p0 {0: 3, 3: 2}, p1 {1: 4, 2: 1}.
// Calibrated simulations: p0 [3, 0, 0, 0], p1 [0, 0 (missing), 5, 1]. Rewrite order 0, 3, 2, 1; typical magnitudes
// m = [2, 3, 4, 5] (given).
async function decomposition(): Promise<ErrorDecomposition> {
  const inputs = handInputs();
  return runErrorDecomposition(
    { seed: 3, fractions: [0, 0.5, 1], bootstrap: { resamples: 20 } },
    {
      coder: inputs.coder,
      trueActivations: inputs.trueActivations,
      simulated: predictedActivations(inputs.calibrations[0], inputs.rawPredictions).activations,
      typicalMagnitude: Float32Array.of(2, 3, 4, 5),
      order: Int32Array.of(0, 3, 2, 1),
      cleanCeNats: inputs.cleanCeNats,
    },
  );
}

const ceOf = (d: ErrorDecomposition, variant: DecompositionVariant, fraction: number) =>
  Array.from(d.cells.find((c) => c.variant === variant && c.fraction === fraction)!.ceNats);

describe("runErrorDecomposition on the hand example", () => {
  it("at fraction 0 every variant is the transcoder alone", async () => {
    const d = await decomposition();
    for (const v of DECOMPOSITION_VARIANTS) expect(ceOf(d, v, 0)).toEqual([1.25, 4.25]);
  });

  it("at fraction 1 each variant repairs one kind of error", async () => {
    const d = await decomposition();
    // simulated: p0 {0: 3} → r = 3.5 → 1 + 7.5² = 57.25; p1 {2: 5, 3: 1} → r = 1.5 + 15 + 4 = 20.5 → 2 + 6.5² = 44.25
    expect(ceOf(d, "simulated", 1)).toEqual([57.25, 44.25]);
    // perfect specificity drops p1's false positive 3: {2: 5} → r = 16.5 → 2 + 2.5² = 8.25
    expect(ceOf(d, "perfect-specificity", 1)).toEqual([57.25, 8.25]);
    // perfect recall adds p0's missed 3 at m = 5: {3: 5, 0: 3} → r = 23.5 → 157.25; p1's missed 1 at m = 3:
    // [0, 3, 5, 1] → {2: 5, 1: 3} → r = 1.5 + 15 + 6 = 22.5 → 2 + 8.5² = 74.25
    expect(ceOf(d, "perfect-recall", 1)).toEqual([157.25, 74.25]);
    // the true active set with simulated magnitudes: p0 [3, 0, 0, 5], p1 [0, 3, 5, 0]: the same TopK rows
    expect(ceOf(d, "true-active-set", 1)).toEqual([157.25, 74.25]);
    // true magnitudes on the simulated set: p0 [3, 0, 0, 0]; p1 [0, 0, 1, 1] → r = 1.5 + 3 + 4 = 8.5 → 2 + 5.5² = 32.25
    expect(ceOf(d, "true-magnitudes", 1)).toEqual([57.25, 32.25]);
    expect(ceOf(d, "true", 1)).toEqual([1.25, 4.25]);
  });

  it("at fraction 0.5 only latents 0 and 3 are rewritten; the rest keep the transcoder's output", async () => {
    const d = await decomposition();
    // p1 keeps {1: 4, 2: 1}; its simulated 3 = 1 ties 2 = 1 and loses to the lower index → 4.25 in every variant.
    expect(ceOf(d, "simulated", 0.5)).toEqual([57.25, 4.25]);
    expect(ceOf(d, "perfect-specificity", 0.5)).toEqual([57.25, 4.25]);
    expect(ceOf(d, "perfect-recall", 0.5)).toEqual([157.25, 4.25]);
    expect(ceOf(d, "true-magnitudes", 0.5)).toEqual([57.25, 4.25]);
  });

  it("summarises each cell against the clean model and shares identical forward passes", async () => {
    const d = await decomposition();
    const cell = d.cells.find((c) => c.variant === "perfect-specificity" && c.fraction === 1)!;
    // increases 56.25 and 6.25 → mean 31.25
    expect(cell.summary.meanIncreaseNats.estimate).toBe(31.25);
    // distinct TopK batches: the transcoder alone; at 0.5 simulated and recall; at 1 simulated, specificity,
    // recall and true magnitudes
    expect(d.forwardPassCount).toBe(7);
  });

  it("pairs each repair with the simulated rewrite, prompt by prompt", async () => {
    const d = await decomposition();
    const saving = (variant: string, fraction: number) => d.savings.find((s) => s.variant === variant && s.fraction === fraction)!.savingNats;
    // simulated − perfect specificity at 1: (57.25 − 57.25, 44.25 − 8.25) = (0, 36) → mean 18
    expect(saving("perfect-specificity", 1).estimate).toBe(18);
    // simulated − true at 1: (56, 40) → 48; a two-prompt resample's mean lies in [40, 56]
    const all = saving("true", 1);
    expect(all.estimate).toBe(48);
    expect(all.lower).toBeGreaterThanOrEqual(40);
    expect(all.upper).toBeLessThanOrEqual(56);
    expect(d.savings.filter((s) => s.fraction === 0).every((s) => s.savingNats.estimate === 0)).toBe(true);
  });
});
