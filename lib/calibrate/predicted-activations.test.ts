import { describe, expect, it } from "vitest";
import { zeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import type { SimulationOutcome } from "@/lib/simulate";
import { activationsAfterTopK } from "./activations-after-topk";
import { calibrateRawPrediction } from "./calibration-set";
import { fitLinearCalibration } from "./linear-calibration";
import { predictedActivations } from "./predicted-activations";
import { rawPredictionsFromOutcomes } from "./raw-predictions";

describe("fitLinearCalibration (the uncalibrated baseline)", () => {
  it("maps 0..9 onto 0..max activation of each latent's cache sample", () => {
    const set = fitLinearCalibration([zeroInflatedSample(100, [1, 4.5, 2]), zeroInflatedSample(100, [])]);
    expect(Array.from(set.maxActivationByLatent)).toEqual([4.5, 0]);
    // 3 / 9 · 4.5 = 1.5; above the scale clamps to the max; a latent that never fired stays at 0
    expect(calibrateRawPrediction(set, 0, 3)).toBeCloseTo(1.5, 14);
    expect(calibrateRawPrediction(set, 0, 12)).toBe(4.5);
    expect(calibrateRawPrediction(set, 1, 9)).toBe(0);
    expect(() => calibrateRawPrediction(set, 2, 1)).toThrow(/latent 2 is outside the calibration set's 2 latents/);
  });
});

describe("predictedActivations", () => {
  it("maps a [prompts × latents] matrix and turns each missing prediction into a counted 0", () => {
    const set = fitLinearCalibration([zeroInflatedSample(10, [9]), zeroInflatedSample(10, [18])]);
    // latent 0: x ↦ x, latent 1: x ↦ 2x
    const out = predictedActivations(set, [1, 2, Number.NaN, 4, Number.NaN, Number.NaN]);
    expect(Array.from(out.activations)).toEqual([1, 4, 0, 8, 0, 0]);
    expect(Array.from(out.missingByLatent)).toEqual([2, 1]);
    expect(out.missingCount).toBe(3);
    expect(() => predictedActivations(set, [1, 2, 3])).toThrow(/3 raw predictions do not form rows of 2 latents/);
  });
});

describe("activationsAfterTopK", () => {
  it("keeps each row's top k and zeroes the rest", () => {
    // row 0: top 2 of [1, 5, 3] are latents 1, 2; row 1: [2, 2, 0] tie → lower index first: latents 0, 1
    expect(Array.from(activationsAfterTopK(Float32Array.of(1, 5, 3, 2, 2, 0), 3, 2))).toEqual([0, 5, 3, 2, 2, 0]);
  });
});

describe("rawPredictionsFromOutcomes", () => {
  it("marks failed simulations with NaN and counts them", () => {
    const outcomes: SimulationOutcome[] = [
      { ok: true, prediction: 2.5 },
      { ok: false, reason: "no-logprobs", detail: "no top_logprobs at the answer" },
      { ok: true, prediction: 0 },
    ];
    const column = rawPredictionsFromOutcomes(outcomes);
    expect(Array.from(column.rawPredictions)).toEqual([2.5, Number.NaN, 0]);
    expect(column.failedCount).toBe(1);
  });
});
