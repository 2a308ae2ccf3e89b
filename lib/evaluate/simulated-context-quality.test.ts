import { describe, expect, it } from "vitest";
import type { QuantileCalibrationSet } from "@/lib/calibrate";
import { preTopKQualityOnSimulatedContexts } from "./simulated-context-quality";

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

describe("preTopKQualityOnSimulatedContexts", () => {
  it("judges raw and calibrated predictions against the TopK truth of calibration contexts and prompts", () => {
    // rows: cal 0, cal 1, prompt 0, prompt 1; columns latent 0, latent 1 (latent 1 never simulated: NaN)
    const raw = Float64Array.of(2, Number.NaN, 6, Number.NaN, 0, Number.NaN, 9, Number.NaN);
    const truth = {
      calibrationActivationsAfterTopK: Float32Array.of(0, 0, 5, 0), // latent 0 active at cal 1
      promptTopK: { indices: Int32Array.of(1, 0), values: Float32Array.of(4, 0) }, // prompt 1's TopK has latent 0 at 0: inactive
      k: 1,
    };
    const scores = { detection: Float64Array.of(0.8, Number.NaN), fuzzing: Float64Array.of(Number.NaN, Number.NaN) };
    const q = preTopKQualityOnSimulatedContexts(raw, truth, 2, calibration, 0, scores, [0, 0.5, 1]);
    expect(q.contextCount).toBe(4);
    // latent 0 truth: 0, 1, 0, 0. raw > 0: 1, 1, 0, 1 → TP 1, FP 2, TN 1: sensitivity 1, specificity 1/3
    expect([q.raw.sensitivity[0], q.raw.specificity[0]]).toEqual([1, 1 / 3]);
    // calibrated: 2 → 0, 6 → 3, 0 → 0, 9 → 6 → active 0, 1, 0, 1 → TP 1, FP 1, TN 2: specificity 2/3
    expect([q.calibrated.sensitivity[0], q.calibrated.specificity[0]]).toEqual([1, 2 / 3]);
    // latent 1 was never simulated: no contexts, both NaN
    expect(Number.isNaN(q.raw.specificity[1]) && Number.isNaN(q.raw.sensitivity[1])).toBe(true);
    expect(q.raw.meanSpecificity).toBe(1 / 3);
    expect(q.raw.byDetectionScore.specificity[1].count).toBe(1);
  });
});
