import { describe, expect, it } from "vitest";
import { fitQuantileNormalizer } from "@/lib/core/quantile-normalizer";
import { zeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import { quantileMapData, quantileMapLine } from "./quantile-map-data";

describe("quantileMapData", () => {
  it("lists the knots and where each observed raw prediction went", () => {
    // Raw predictions 0 0 0 9 (m = 4); true sample of 4 tokens: 0 0 0 2. Conditional-mean ties:
    // block {0,0,0} covers the band [0, .75] (middle .375) → mean of 0, 0, 0 = 0; block {9}: [.75, 1] (middle .875) → 2.
    const normalizer = fitQuantileNormalizer([0, 0, 0, 9], zeroInflatedSample(4, [2]));
    const data = quantileMapData(normalizer, [0, 9, Number.NaN, 0, 0, 9]);
    expect(data).toEqual({
      knots: [
        { rawPrediction: 0, cdfPosition: 0.375, calibratedActivation: 0 },
        { rawPrediction: 9, cdfPosition: 0.875, calibratedActivation: 2 },
      ],
      observed: [
        { rawPrediction: 0, calibratedActivation: 0, count: 3 },
        { rawPrediction: 9, calibratedActivation: 2, count: 2 },
      ],
      fittedPredictionCount: 4,
      trueZeroFraction: 0.75,
      predictionZeroFraction: 0.75,
      tieRule: "conditional-mean",
      erasure: null,
    });
  });

  it("warns when calibration sends every prediction of a firing latent to 0, naming the tie rule", () => {
    // 10 predictions, 9 tied at 0 and one 1; target: 1 of 100 tokens active. Mid-rank: block {0} at u = .45 → 0;
    // {1} at u = .95 → Q = 95th value = 0. Every prediction → 0 although the latent fires on 1% of tokens.
    const raw = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const erased = quantileMapData(fitQuantileNormalizer(raw, zeroInflatedSample(100, [3]), "empirical", "mid-rank"), raw)!;
    expect(erased.predictionZeroFraction).toBe(1);
    expect(erased.erasure).toMatch(/^Calibration sends every prediction to 0: the latent fires on only 1\.0% of tokens/);
    expect(erased.erasure).toMatch(/mid-rank tie rule/);
    // Conditional mean: block {1} covers [.9, 1] → (9 zeros + 3) / 10 = 0.3 > 0, so no warning.
    const kept = quantileMapData(fitQuantileNormalizer(raw, zeroInflatedSample(100, [3])), raw)!;
    expect(kept.observed.at(-1)!.calibratedActivation).toBeCloseTo(0.3, 12);
    expect(kept.erasure).toBeNull();
  });

  it("is null without a fitted map", () => {
    expect(quantileMapData(null, [1, 2])).toBeNull();
  });
});

describe("quantileMapLine", () => {
  it("runs flat from raw 0 to the first knot and from the last knot to the top of the scale", () => {
    const map = {
      knots: [
        { rawPrediction: 2, cdfPosition: 0.4, calibratedActivation: 0 },
        { rawPrediction: 7, cdfPosition: 0.9, calibratedActivation: 1.5 },
      ],
      observed: [],
      fittedPredictionCount: 5,
      trueZeroFraction: 0.9,
      predictionZeroFraction: 0.8,
      tieRule: "conditional-mean",
      erasure: null,
    };
    expect(quantileMapLine(map, 9)).toEqual([
      [0, 0],
      [2, 0],
      [7, 1.5],
      [9, 1.5],
    ]);
    expect(quantileMapLine({ ...map, knots: [] }, 9)).toEqual([]);
  });
});
