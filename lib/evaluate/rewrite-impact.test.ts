import { describe, expect, it } from "vitest";
import { fakeCoderAdapter } from "@/lib/evaluate/testing/fake-coder-adapter";
import { handCoderSpec, handInputs } from "@/lib/evaluate/testing/hand-example";
import { rewriteImpactOfLatent } from "./rewrite-impact";

describe("rewriteImpactOfLatent", () => {
  const { trueActivations, calibrations } = handInputs();
  const linear = calibrations.find((c) => c.mode === "uncalibrated-linear")!;

  it("changes only that latent and measures CE against the coder alone", async () => {
    // latent 3 (W_dec 4) predicted 0 on prompt 0, 5 on prompt 1 (identity map); the rest keep the transcoder's TopK:
    // p0 [3,0,0,0] → {0: 3, 1: 0} → r = 0.5 + 3 = 3.5 → 1 + 7.5² = 57.25; coder alone 1.25 → +56
    // p1 [0,4,1,5] → {3: 5, 1: 4} → r = 1.5 + 20 + 8 = 29.5 → 2 + 15.5² = 242.25; coder alone 4.25 → +238
    const impact = await rewriteImpactOfLatent(3, { coder: fakeCoderAdapter(handCoderSpec), trueActivations, rawPredictions: [0, 5], calibration: linear });
    expect(Array.from(impact.ceNats)).toEqual([57.25, 242.25]);
    expect(Array.from(impact.coderAloneCeNats)).toEqual([1.25, 4.25]);
    expect(Array.from(impact.ceChangeNats)).toEqual([56, 238]);
    expect(impact.meanCeChangeNats).toBe(147);
    expect(impact.changedPromptCount).toBe(2);
    expect(impact.mode).toBe("uncalibrated-linear");
  });

  it("leaves a prompt untouched when the TopK rows do not change, and counts a failed prediction as inactive", async () => {
    // latent 2: prompt 0 predicted 0 (true 0, not in TopK) → unchanged; prompt 1 failed → 0 instead of 1:
    // p1 [0,4,0,0] (latent 3's 0.5 is outside the TopK, so it cannot back-fill) → {1: 4, 0: 0} → r = 1.5 + 8 = 9.5
    //    → 2 + 4.5² = 22.25 → +18
    const coder = fakeCoderAdapter(handCoderSpec);
    const impact = await rewriteImpactOfLatent(2, {
      coder,
      trueActivations,
      rawPredictions: [0, Number.NaN],
      calibration: linear,
      coderAloneCeNats: Float64Array.of(1.25, 4.25),
    });
    expect(Array.from(impact.ceChangeNats)).toEqual([0, 18]);
    expect(impact.changedPromptCount).toBe(1);
    expect(impact.missingPredictionCount).toBe(1);
    expect(coder.decodeCallSizes).toEqual([4]); // the given coder-alone CE is not recomputed
  });
});
