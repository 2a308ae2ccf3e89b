import { describe, expect, it } from "vitest";
import { activationsAfterTopK, predictedActivations } from "@/lib/calibrate";
import { handInputs } from "@/lib/evaluate/testing/hand-example";
import { latentLedger, SIMULATION_ERRORS, type LatentLedger } from "./latent-ledger";
import { rewriteImpactOfLatent } from "./rewrite-impact";

// The hand example (hand-example.ts): L = 4, k = 2, W_dec = [1, 2, 3, 4], b_dec 0.5, skip [0, 1], target [11, 14],
// clean [1, 2]; ce = clean + (r − target)². Truth after TopK: p0 [3, 0, 0, 2], p1 [0, 4, 1, 0]; calibrated
// simulations: p0 [3, 0, 0, 0], p1 [0, 0, 5, 1]. Transcoder alone: CE (1.25, 4.25); full rewrite: (57.25, 44.25).
async function ledger(): Promise<LatentLedger> {
  const inputs = handInputs();
  return latentLedger(
    { seed: 5, bootstrap: { resamples: 30 } },
    {
      coder: inputs.coder,
      trueAfterTopK: activationsAfterTopK(inputs.trueActivations, 4, 2),
      simulated: predictedActivations(inputs.calibrations[0], inputs.rawPredictions).activations,
    },
  );
}

describe("latentLedger on the hand example", () => {
  it("measures the base rows through the same path", async () => {
    const l = await ledger();
    expect(Array.from(l.coderAloneCeNats)).toEqual([1.25, 4.25]);
    expect(Array.from(l.fullRewriteCeNats)).toEqual([57.25, 44.25]);
  });

  it("gives each latent's rewrite impact, equal to rewriting it alone", async () => {
    const l = await ledger();
    // p0: latent 3 (2 → 0) → {0: 3} → 57.25, Δ 56. p1: latent 1 (4 → 0) → {2: 1} → r = 4.5 → 92.25, Δ 88;
    // latent 2 (1 → 5) → {2: 5, 1: 4} → r = 24.5 → 112.25, Δ 108; latent 3 (0 → 1) ties latent 2 and stays out.
    expect(Array.from(l.impact.meanNats)).toEqual([0, 44, 54, 28]);
    expect(Array.from(l.impact.changedPromptCount)).toEqual([0, 1, 1, 1]);
    const inputs = handInputs();
    for (let latent = 0; latent < 4; latent++) {
      const column = [0, 1].map((p) => inputs.rawPredictions[p * 4 + latent]);
      const slow = await rewriteImpactOfLatent(latent, { ...inputs, rawPredictions: column, calibration: inputs.calibrations[0] });
      expect(l.impact.meanNats[latent]).toBeCloseTo(slow.meanCeChangeNats, 10);
    }
  });

  it("gives each latent's oracle gain inside the full rewrite, with the error the truth fixes", async () => {
    const l = await ledger();
    // p0: latent 3 missed (0 → 2) → {0: 3, 3: 2} → 1.25, gain 56.
    // p1: latent 1 missed (0 → 4) → {2: 5, 1: 4} → 112.25, gain −68; latent 2 magnitude (5 → 1) → {2: 1, 3: 1} →
    //     r = 8.5 → 32.25, gain 12; latent 3 false positive (1 → 0) → {2: 5} → 8.25, gain 36.
    expect(Array.from(l.oracleGain.meanNats)).toEqual([0, -34, 6, 46]);
    expect(Array.from(l.oracleGain.changedPromptCount)).toEqual([0, 1, 1, 2]);
    const entries = Array.from(l.oracleEntries.prompt, (p, i) => [p, l.oracleEntries.latent[i], l.oracleEntries.gainNats[i], SIMULATION_ERRORS[l.oracleEntries.error[i]]]);
    expect(entries).toEqual([
      [0, 3, 56, "missed"],
      [1, 1, -68, "missed"],
      [1, 2, 12, "wrong magnitude"],
      [1, 3, 36, "false positive"],
    ]);
    expect(Array.from(l.oracleEntries.simulated)).toEqual([0, 0, 5, 1]);
    expect(Array.from(l.oracleEntries.truth)).toEqual([2, 4, 1, 0]);
    expect(l.forwardRowCount).toBe(4 + 3 + 4);
  });

  it("bounds each mean by resamples of the two prompts", async () => {
    const l = await ledger();
    // Latent 3's oracle gain per prompt is (56, 36): every resample mean lies in [36, 56].
    expect(l.oracleGain.lowerNats[3]).toBeGreaterThanOrEqual(36);
    expect(l.oracleGain.upperNats[3]).toBeLessThanOrEqual(56);
    expect([l.impact.lowerNats[0], l.impact.upperNats[0]]).toEqual([0, 0]);
  });
});
