import { describe, expect, it } from "vitest";
import { zeroInflatedSampleFromValues } from "@/lib/core/zero-inflated-sample";
import { calibrateRawPrediction, describeCalibration } from "./calibration-set";
import { fitQuantileCalibration } from "./fit-quantile-calibration";

// A synthetic latent over 20 contexts: inactive on 14, active on 6 (post-TopK values).
const trueValues = [0, 0, 0, 0.5, 0, 0, 1.2, 0, 0, 0, 2, 0, 0, 3.1, 0, 0, 4.4, 0, 0, 6];
// The simulator's raw predictions are a known monotone transform of the truth: g(t) = 9t / (t + 1), g(0) = 0.
const g = (t: number) => (9 * t) / (t + 1);
const raw = trueValues.map(g);

describe("fitQuantileCalibration", () => {
  it("target (b), the same contexts' true activations: undoes the monotone transform exactly", () => {
    const set = fitQuantileCalibration(raw, 1, { kind: "prompts", activationsAfterTopK: trueValues });
    expect(raw.map((x) => calibrateRawPrediction(set, 0, x))).toEqual(trueValues);
    expect(set.latents[0].normalizer!.trueZeroFraction).toBe(14 / 20);
    expect(set.target).toBe("prompts");
  });

  it("target (a), a large cache sample: maps onto the cache's distribution, here the same one replicated 10×", () => {
    // Empirical estimator: prediction of rank r of 20 sits at u = (r − ½)/20, the cache's quantile at u is its
    // rank ceil(200·u) = 10r − 5 value, which is the 20-sample's rank-r value again.
    const cache = zeroInflatedSampleFromValues(Array.from({ length: 10 }, () => trueValues).flat());
    const set = fitQuantileCalibration(raw, 1, { kind: "cache", sampleOfLatent: () => cache });
    expect(raw.map((x) => calibrateRawPrediction(set, 0, x))).toEqual(trueValues);
    // …and onto a cache whose activations are twice as large, the calibrated values double.
    const doubled = zeroInflatedSampleFromValues(trueValues.map((t) => 2 * t));
    const setDoubled = fitQuantileCalibration(raw, 1, { kind: "cache", sampleOfLatent: () => doubled });
    expect(raw.map((x) => calibrateRawPrediction(setDoubled, 0, x))).toEqual(trueValues.map((t) => 2 * t));
  });

  it("sends distinct small predictions on inactive contexts to 0, the zero mass of the target", () => {
    // still monotone in the truth: inactive contexts get raw 0.1·i < every active context's raw
    const noisy = trueValues.map((t, i) => (t === 0 ? 0.1 * i : g(t)));
    const set = fitQuantileCalibration(noisy, 1, { kind: "prompts", activationsAfterTopK: trueValues });
    expect(noisy.map((x) => calibrateRawPrediction(set, 0, x))).toEqual(trueValues);
  });

  it("reads latents as columns of [contexts × latents] and fits each on its own", () => {
    // latent 0 as above; latent 1 has raw g(t) / 2 against truth 3t, so its map sends g(t)/2 to 3t.
    const interleaved = raw.flatMap((x) => [x, x / 2]);
    const truth = trueValues.flatMap((t) => [t, 3 * t]);
    const set = fitQuantileCalibration(interleaved, 2, { kind: "prompts", activationsAfterTopK: truth });
    expect(raw.map((x) => calibrateRawPrediction(set, 1, x / 2))).toEqual(trueValues.map((t) => 3 * t));
  });

  it("leaves failed predictions out of the fit and counts them; a latent with none left maps to 0", () => {
    const withFailures = raw.map((x, i) => (i === 3 || i === 5 ? Number.NaN : x)).flatMap((x) => [x, Number.NaN]);
    const truth = trueValues.flatMap((t) => [t, t]);
    const set = fitQuantileCalibration(withFailures, 2, { kind: "prompts", activationsAfterTopK: truth }, { estimator: "hf8" });
    expect(set.latents[0].failedPredictionCount).toBe(2);
    expect(set.latents[0].normalizer!.predictionCount).toBe(18);
    // target (b) keeps all 20 contexts: the truth is known even where the simulator failed
    expect(set.latents[0].normalizer!.trueSampleSize).toBe(20);
    expect(set.latents[1]).toEqual({ failedPredictionCount: 20, normalizer: null });
    expect(calibrateRawPrediction(set, 1, 9)).toBe(0);
    expect(describeCalibration(set)).toEqual({
      mode: "calibrated-quantile",
      latentCount: 2,
      unfittedLatentCount: 1,
      target: "prompts",
      estimator: "hf8",
      tieRule: "conditional-mean",
      contextCount: 20,
      failedCalibrationPredictionCount: 22,
      // latent 0 fires in its target and keeps non-zero calibrated values; latent 1 was never fitted
      liveLatentCount: 1,
      allZeroLiveLatentCount: 0,
    });
  });

  it("fits on a subset of context rows", () => {
    const set = fitQuantileCalibration(raw, 1, { kind: "prompts", activationsAfterTopK: trueValues }, { contextRows: [0, 1, 2, 3, 6] });
    expect(set.contextCount).toBe(5);
    // truth on those rows: 0, 0, 0, 0.5, 1.2 → 3/5 zeros
    expect(set.latents[0].normalizer!.trueZeroFraction).toBe(3 / 5);
    expect(calibrateRawPrediction(set, 0, g(1.2))).toBe(1.2);
  });

  it("names the mismatch when target (b) does not pair with the predictions", () => {
    expect(() => fitQuantileCalibration(raw, 1, { kind: "prompts", activationsAfterTopK: trueValues.slice(1) })).toThrow(
      /target \(b\) has 19 activations but there are 20 raw predictions/,
    );
    expect(() => fitQuantileCalibration(raw, 3, { kind: "prompts", activationsAfterTopK: trueValues })).toThrow(/20 raw predictions do not form rows of 3 latents/);
    expect(() => fitQuantileCalibration(raw, 1, { kind: "prompts", activationsAfterTopK: trueValues }, { contextRows: [20] })).toThrow(
      /contextRows\[0\] = 20 is outside the 20 calibration contexts/,
    );
  });
});
