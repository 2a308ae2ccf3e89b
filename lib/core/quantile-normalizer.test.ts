import { describe, expect, it } from "vitest";
import reference from "./fixtures/quantile-normalizer.json";
import {
  calibratePrediction,
  calibratePredictions,
  fitQuantileNormalizer,
  quantileMapPoints,
  type QuantileEstimator,
} from "./quantile-normalizer";
import { createSeededRng, shuffleInPlace } from "./seeded-rng";
import { zeroInflatedSample, zeroInflatedSampleFromValues } from "./zero-inflated-sample";

const ESTIMATORS: QuantileEstimator[] = ["empirical", "hf8", "hf9"];

function normalSample(seed: number, n: number): number[] {
  const rng = createSeededRng(seed);
  // Box–Muller; 1 − u avoids log(0).
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform()));
}

describe("fitQuantileNormalizer", () => {
  it("recovers the true values exactly when raw predictions are a monotone transform g(true) of the same tokens", () => {
    const truth = normalSample(1, 300);
    const raw = truth.map((t) => Math.exp(2 * t)); // monotone g
    for (const estimator of ESTIMATORS) {
      const normalizer = fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(truth), estimator);
      expect(Array.from(calibratePredictions(normalizer, raw)), estimator).toEqual(truth);
    }
  });

  it("sends a tied block of raw predictions to one value: the true value at the block's mid-rank", () => {
    // true = 1..9, raw = floor(t / 3): blocks {1,2}→0, {3,4,5}→1, {6,7,8}→2, {9}→3, mid-ranks 1.5, 4, 7, 9.
    const truth = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const raw = truth.map((t) => Math.floor(t / 3));
    const sample = zeroInflatedSampleFromValues(truth);
    // empirical: u = (r − ½)/9, rank ceil(9u) = ceil(r − ½): 1.5→1, 4→4, 7→7, 9→9.
    const empirical = fitQuantileNormalizer(raw, sample, "empirical");
    expect(Array.from(empirical.rawKnots)).toEqual([0, 1, 2, 3]);
    expect(Array.from(empirical.calibratedKnots)).toEqual([1, 4, 7, 9]);
    // hf8: fractional rank h = r exactly, so the even block {1, 2} lands halfway: 1.5.
    const hf8 = fitQuantileNormalizer(raw, sample, "hf8");
    expect(Array.from(hf8.calibratedKnots)).toEqual([1.5, 4, 7, 9]);
    expect(Array.from(calibratePredictions(hf8, raw))).toEqual([1.5, 1.5, 4, 4, 4, 7, 7, 7, 9]);
  });

  it("sends ~97% of predictions to exactly 0 for a latent active on 3% of tokens", () => {
    const rng = createSeededRng(2);
    const active = Array.from({ length: 3000 }, () => Math.exp(rng.uniform() * 3)); // 3,000 of 100,000 tokens
    const truth = zeroInflatedSample(100_000, active);
    const raw = Array.from({ length: 10_000 }, () => 9 * rng.uniform()); // distinct with probability ~1
    expect(new Set(raw).size).toBe(10_000);
    for (const estimator of ESTIMATORS) {
      const normalizer = fitQuantileNormalizer(raw, truth, estimator);
      // Raw rank i maps to 0 iff its true rank ≤ 97,000. empirical: ceil(10·(i − ½)) = 96,995 at i = 9,700 and
      // 97,005 at 9,701; hf8: h = (100000⅓)(i − ⅓)/(10000⅓) + ⅓ = 96,994.09 / 97,004.09; hf9: 96,994.44 / 97,004.44.
      const zeros = calibratePredictions(normalizer, raw).filter((v) => v === 0).length;
      expect(zeros, estimator).toBe(9700);
      expect(normalizer.predictionZeroFraction).toBe(0.97);
      expect(normalizer.trueZeroFraction).toBe(0.97);
      // The flat zero run is stored by its two ends only: 2 + 300 knots.
      expect(normalizer.rawKnots.length).toBe(302);
    }
  });

  it("gives the same map from the compact sample and from the full per-token sample", () => {
    const full = [0, 0, 0, 0, 0, 0, 0, 2.5, 0, 0, 0.5, 0, 1.5, 0, 0, 0];
    const raw = [0.1, 0.4, 0.2, 3, 0.3, 2, 1, 0.7];
    for (const estimator of ESTIMATORS) {
      const compact = fitQuantileNormalizer(raw, zeroInflatedSample(16, [0.5, 1.5, 2.5]), estimator);
      expect(fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(full), estimator)).toEqual(compact);
    }
  });

  it("matches numpy (average ranks, plotting positions, numpy.quantile) on tied raw predictions and a zero mass", () => {
    for (const estimator of ESTIMATORS) {
      const normalizer = fitQuantileNormalizer(reference.raw, zeroInflatedSampleFromValues(reference.true), estimator);
      const calibrated = calibratePredictions(normalizer, reference.raw);
      reference.calibrated[estimator].forEach((v, i) => expect(calibrated[i], `${estimator} #${i}`).toBeCloseTo(v, 12));
      expect(normalizer.trueZeroFraction).toBeCloseTo(reference.trueZeroFraction, 15);
    }
  });

  it("estimates the true values from a smaller prediction sample, up to sampling error", () => {
    // Uniform[0,1] truth on 20,000 tokens; predictions g(t) on 1,000 of them. The error of the map at u is that of
    // the raw sample's CDF: Kolmogorov–Smirnov's 99.9% bound 1.95/√1000 ≈ 0.062, plus ~0.01 from the 20,000.
    const rng = createSeededRng(3);
    const truth = Array.from({ length: 20_000 }, () => rng.uniform());
    const subset = truth.slice(0, 1000);
    const raw = subset.map((t) => Math.exp(5 * t));
    for (const estimator of ESTIMATORS) {
      const calibrated = calibratePredictions(fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(truth), estimator), raw);
      const maxError = Math.max(...subset.map((t, i) => Math.abs(calibrated[i] - t)));
      expect(maxError, estimator).toBeLessThan(0.075);
    }
  });
});

describe("calibratePrediction", () => {
  // raw [0, 1, 2] onto true [10, 20, 30]: knots 0→10, 1→20, 2→30.
  const normalizer = fitQuantileNormalizer([2, 0, 1], zeroInflatedSample(3, [30, 10, 20]));

  it("interpolates linearly between knots and clamps outside the fitted range", () => {
    expect(calibratePrediction(normalizer, 1)).toBe(20);
    expect(calibratePrediction(normalizer, 0.25)).toBe(12.5); // 10 + 0.25·(20 − 10)
    expect(calibratePrediction(normalizer, -5)).toBe(10);
    expect(calibratePrediction(normalizer, 7)).toBe(30);
  });

  it("exposes the fitted points for the quantile-map chart", () => {
    expect(quantileMapPoints(normalizer).map((p) => [p.rawPrediction, p.calibratedActivation])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
    ]);
  });

  it("maps every input to one value when all raw predictions tie", () => {
    const constant = fitQuantileNormalizer([4, 4, 4, 4], zeroInflatedSample(4, [1, 2, 3, 4]));
    // mid-rank 2.5, u = 2/4 → rank ceil(4·0.5) = 2 → 2
    expect([calibratePrediction(constant, 0), calibratePrediction(constant, 4), calibratePrediction(constant, 9)]).toEqual([2, 2, 2]);
  });

  it("rejects NaN, empty and unknown inputs", () => {
    expect(() => calibratePrediction(normalizer, Number.NaN)).toThrow(/NaN raw prediction/);
    expect(() => fitQuantileNormalizer([], zeroInflatedSample(3, [1]))).toThrow(/rawPredictions is empty/);
    expect(() => fitQuantileNormalizer([1, Number.NaN], zeroInflatedSample(3, [1]))).toThrow(/rawPredictions\[1\] is NaN/);
    expect(() => fitQuantileNormalizer([1], zeroInflatedSample(3, [1]), "hf7" as QuantileEstimator)).toThrow(/got "hf7"/);
  });
});

describe("shuffled input order", () => {
  it("does not change the fitted map", () => {
    const raw = [0.3, 0.1, 0.1, 0.9, 0.5, 0.5, 0.5, 0.2];
    const truth = zeroInflatedSample(40, [1, 2, 3, 4, 5, 6]);
    const shuffled = shuffleInPlace(createSeededRng(9), [...raw]);
    expect(fitQuantileNormalizer(shuffled, truth, "hf9")).toEqual(fitQuantileNormalizer(raw, truth, "hf9"));
  });
});
