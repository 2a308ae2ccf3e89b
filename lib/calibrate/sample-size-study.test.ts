import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { fitQuantileCalibration } from "./fit-quantile-calibration";
import { calibrationSampleSizeStudy, type SampleSizeStudyInputs } from "./sample-size-study";

// 200 contexts × 2 latents, each active on ~20% of contexts; the raw prediction is monotone in the truth
// (inactive contexts get distinct raws below 0.5, active ones 9t / (t + 1) ≥ 3).
function syntheticInputs(seed: number): SampleSizeStudyInputs {
  const rng = createSeededRng(1);
  const truth = Float32Array.from({ length: 400 }, () => (rng.uniform() < 0.2 ? 0.5 + 4.5 * rng.uniform() : 0));
  const raw = Float64Array.from(truth, (t) => (t === 0 ? 0.5 * rng.uniform() : (9 * t) / (t + 1)));
  return {
    calibrationRawPredictions: raw,
    numLatents: 2,
    target: { kind: "prompts", activationsAfterTopK: truth },
    sampleSizes: [20, 200],
    seed,
    comparisonRawPredictions: raw,
  };
}

describe("calibrationSampleSizeStudy", () => {
  it("fits nested subsamples; the largest one is the reference and matches its target exactly here", async () => {
    const inputs = syntheticInputs(3);
    const sizesSeen: number[] = [];
    const rows = await calibrationSampleSizeStudy(inputs, async (calibration, n) => {
      sizesSeen.push(n);
      return calibration.contextCount;
    });
    expect(sizesSeen).toEqual([20, 200]);
    expect(rows.map((r) => r.ce)).toEqual([20, 200]);
    const [small, large] = rows;
    // 200 of 200 contexts in shuffled order fit the same maps as all rows in order
    expect(large.calibration).toEqual(fitQuantileCalibration(inputs.calibrationRawPredictions, 2, inputs.target));
    expect(large.meanAbsoluteDifferenceFromLargest).toBe(0);
    // compared on its own calibration contexts with a monotone simulator, the fit reproduces the truth: the
    // predicted active fraction is the target's
    expect(large.predictedActiveFraction).toBeCloseTo(large.targetActiveFraction, 12);
    expect(small.calibration.contextCount).toBe(20);
    expect(small.meanAbsoluteDifferenceFromLargest).toBeGreaterThan(0);
  });

  it("is reproducible from its seed", async () => {
    const a = await calibrationSampleSizeStudy(syntheticInputs(3));
    const b = await calibrationSampleSizeStudy(syntheticInputs(3));
    expect(b).toEqual(a);
    expect(a[0]).not.toHaveProperty("ce");
  });

  it("rejects a sample size larger than the calibration sample", async () => {
    await expect(calibrationSampleSizeStudy({ ...syntheticInputs(3), sampleSizes: [20, 201] })).rejects.toThrow(
      /sample size 201 must be an integer in \[1, 200\]/,
    );
  });
});
