import { describe, expect, it } from "vitest";
import type { QuantileCalibrationSet } from "@/lib/calibrate";
import { singleBlock } from "./prompt-blocks";
import { simulatedContextFacts } from "./simulated-context-quality";
import { densePredictionRows } from "./sparse-predictions";
import { fakeCoderAdapter } from "./testing/fake-coder-adapter";

// 2 latents; calibration rows: 2 contexts; prompts: 2 (k = 1). Latent 0's map: raw ≤ 3 → 0, then linear to 9 → 6.
const normalizer = {
  estimator: "empirical" as const,
  tieRule: "conditional-mean" as const,
  predictionCount: 4,
  trueSampleSize: 4,
  trueZeroFraction: 0.5,
  predictionZeroFraction: 0.5,
  rawKnots: Float64Array.of(0, 3, 9),
  cdfPositions: Float64Array.of(0.125, 0.5, 0.875),
  calibratedKnots: Float64Array.of(0, 0, 6),
};
const calibration: QuantileCalibrationSet = {
  mode: "calibrated-quantile",
  target: "cache",
  estimator: "empirical",
  tieRule: "conditional-mean",
  contextCount: 2,
  latents: [{ failedPredictionCount: 0, normalizer }, { failedPredictionCount: 0, normalizer: null }],
};

describe("simulatedContextFacts", () => {
  it("judges raw and calibrated predictions against the TopK truth of calibration contexts and prompts", async () => {
    // rows: cal 0, cal 1, prompt 0, prompt 1; columns latent 0, latent 1 (latent 1 never simulated: NaN)
    const raw = Float64Array.of(2, Number.NaN, 6, Number.NaN, 0, Number.NaN, 9, Number.NaN);
    const calibrationTrueAfterTopK = Float32Array.of(0, 0, 5, 0); // latent 0 active at cal 1
    // Prompt pre-activations (k = 1): prompt 0's TopK is {1: 4}; prompt 1's has latent 0 at 0: inactive.
    const coder = fakeCoderAdapter({ k: 1, decoderRows: [[0], [0]], bDec: [0], skip: [[0], [0]], target: [[0], [0]], cleanCeNats: [0, 0] });
    const blocks = singleBlock(coder, Float32Array.of(0, 4, 0, 0), 2);
    const scores = { detection: Float64Array.of(0.8, Number.NaN), fuzzing: Float64Array.of(Number.NaN, Number.NaN) };
    const facts = await simulatedContextFacts(
      { blocks, rawPredictions: densePredictionRows(raw, 2), calibrationTrueAfterTopK, calibration },
      { rawActiveAbove: 0, scores, scoreBinEdges: [0, 0.5, 1] },
    );
    const q = facts.preTopKQuality;
    expect(q.contextCount).toBe(4);
    // latent 0 truth: 0, 1, 0, 0. raw > 0: 1, 1, 0, 1 → TP 1, FP 2, TN 1: sensitivity 1, specificity 1/3
    expect([q.raw.sensitivity[0], q.raw.specificity[0]]).toEqual([1, 1 / 3]);
    // calibrated: 2 → 0, 6 → 3, 0 → 0, 9 → 6 → active 0, 1, 0, 1 → TP 1, FP 1, TN 2: specificity 2/3
    expect([q.calibrated.sensitivity[0], q.calibrated.specificity[0]]).toEqual([1, 2 / 3]);
    // latent 1 was never simulated: no contexts, both NaN
    expect(Number.isNaN(q.raw.specificity[1]) && Number.isNaN(q.raw.sensitivity[1])).toBe(true);
    expect(q.raw.meanSpecificity).toBe(1 / 3);
    expect(q.raw.byDetectionScore.specificity[1].count).toBe(1);
    // Typical magnitudes: latent 0's non-zero calibrated values 3, 6 → median 4.5; latent 1 never predicted, so the
    // median of its non-zero truth (4 at prompt 0).
    expect(Array.from(facts.typicalMagnitude)).toEqual([4.5, 4]);
    // Firing: latent 0 at cal 1, latent 1 at prompt 0. r of latent 0: raw (2, 6, 0, 9) vs truth (0, 5, 0, 0):
    // Σdx·dy = 8.75, Σdx² = 48.75, Σdy² = 18.75 → 8.75 / √914.0625; latent 1 has no prediction.
    expect(Array.from(facts.stats.firingFrequency)).toEqual([0.25, 0.25]);
    expect(facts.stats.correlation[0]).toBeCloseTo(8.75 / Math.sqrt(914.0625), 12);
    expect(facts.stats.correlation[1]).toBeNaN();
  });
});
