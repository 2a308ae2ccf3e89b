import { describe, expect, it } from "vitest";
import { fitQuantileNormalizer } from "@/lib/core/quantile-normalizer";
import { zeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import { quantileMapData, quantileMapLine } from "./quantile-map-data";

describe("quantileMapData", () => {
  it("lists the knots and where each observed raw prediction went", () => {
    // Raw predictions 0 0 0 9 (m = 4); true sample of 4 tokens: 0 0 0 2 (type 1 quantiles).
    // Block {0,0,0}: mid-rank 2 → u = 2/4 = 0.5 → Q(0.5) = ceil(4·0.5) = 2nd value = 0.
    // Block {9}: mid-rank 4 → u = 1 → Q(1) = 4th value = 2.
    const normalizer = fitQuantileNormalizer([0, 0, 0, 9], zeroInflatedSample(4, [2]));
    const data = quantileMapData(normalizer, [0, 9, Number.NaN, 0, 0, 9]);
    expect(data).toEqual({
      knots: [
        { rawPrediction: 0, calibratedActivation: 0 },
        { rawPrediction: 9, calibratedActivation: 2 },
      ],
      observed: [
        { rawPrediction: 0, calibratedActivation: 0, count: 3 },
        { rawPrediction: 9, calibratedActivation: 2, count: 2 },
      ],
      fittedPredictionCount: 4,
      trueZeroFraction: 0.75,
      predictionZeroFraction: 0.75,
    });
  });

  it("is null without a fitted map", () => {
    expect(quantileMapData(null, [1, 2])).toBeNull();
  });
});

describe("quantileMapLine", () => {
  it("runs flat from raw 0 to the first knot and from the last knot to the top of the scale", () => {
    const map = { knots: [{ rawPrediction: 2, calibratedActivation: 0 }, { rawPrediction: 7, calibratedActivation: 1.5 }], observed: [], fittedPredictionCount: 5, trueZeroFraction: 0.9, predictionZeroFraction: 0.8 };
    expect(quantileMapLine(map, 9)).toEqual([
      [0, 0],
      [2, 0],
      [7, 1.5],
      [9, 1.5],
    ]);
    expect(quantileMapLine({ ...map, knots: [] }, 9)).toEqual([]);
  });
});
