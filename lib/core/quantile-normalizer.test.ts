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
      const normalizer = fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(truth), estimator, "mid-rank");
      expect(Array.from(calibratePredictions(normalizer, raw)), estimator).toEqual(truth);
    }
  });

  it("sends a tied block of raw predictions to one value: the true value at the block's mid-rank", () => {
    // true = 1..9, raw = floor(t / 3): blocks {1,2}→0, {3,4,5}→1, {6,7,8}→2, {9}→3, mid-ranks 1.5, 4, 7, 9.
    const truth = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const raw = truth.map((t) => Math.floor(t / 3));
    const sample = zeroInflatedSampleFromValues(truth);
    // empirical: u = (r − ½)/9, rank ceil(9u) = ceil(r − ½): 1.5→1, 4→4, 7→7, 9→9.
    const empirical = fitQuantileNormalizer(raw, sample, "empirical", "mid-rank");
    expect(Array.from(empirical.rawKnots)).toEqual([0, 1, 2, 3]);
    expect(Array.from(empirical.calibratedKnots)).toEqual([1, 4, 7, 9]);
    // hf8: fractional rank h = r exactly, so the even block {1, 2} lands halfway: 1.5.
    const hf8 = fitQuantileNormalizer(raw, sample, "hf8", "mid-rank");
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
      const normalizer = fitQuantileNormalizer(raw, truth, estimator, "mid-rank");
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
      const compact = fitQuantileNormalizer(raw, zeroInflatedSample(16, [0.5, 1.5, 2.5]), estimator, "mid-rank");
      expect(fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(full), estimator, "mid-rank")).toEqual(compact);
    }
  });

  it("matches numpy (average ranks, plotting positions, numpy.quantile) on tied raw predictions and a zero mass", () => {
    for (const estimator of ESTIMATORS) {
      const normalizer = fitQuantileNormalizer(reference.raw, zeroInflatedSampleFromValues(reference.true), estimator, "mid-rank");
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
      const calibrated = calibratePredictions(fitQuantileNormalizer(raw, zeroInflatedSampleFromValues(truth), estimator, "mid-rank"), raw);
      const maxError = Math.max(...subset.map((t, i) => Math.abs(calibrated[i] - t)));
      expect(maxError, estimator).toBeLessThan(0.075);
    }
  });
});

describe("tie rules on a rare latent (few distinct raw predictions)", () => {
  // Target: 200 tokens, 196 zeros, active values 1, 2, 3, 6 (2% active). Raw: 10 predictions, 8 tied at 0, then 1, 5.
  const truth = zeroInflatedSample(200, [1, 2, 3, 6]);
  const raw = [0, 0, 0, 0, 0, 0, 0, 0, 1, 5];

  it("mid-rank and upper-quantile send every prediction to 0 when the active tail is narrower than a block", () => {
    // blocks: ranks 1–8 (band [0, .8]), 9 ([.8, .9]), 10 ([.9, 1]); the target is 0 below u = 0.98.
    for (const rule of ["mid-rank", "upper-quantile"] as const) {
      const n = fitQuantileNormalizer(raw, truth, "empirical", rule);
      expect(Array.from(calibratePredictions(n, raw)).every((v) => v === 0), rule).toBe(true);
      expect(n.predictionZeroFraction, rule).toBe(1);
    }
  });

  it("conditional-mean keeps the latent: each block gets the target's mean over its band", () => {
    const n = fitQuantileNormalizer(raw, truth);
    // [0, .8] and [.8, .9] lie inside the zero mass (196/200 = .98) → 0; [.9, 1] covers ranks 181–200 of the
    // target: 16 zeros and 1, 2, 3, 6 → (1 + 2 + 3 + 6) / 20 = 0.6.
    expect(Array.from(n.calibratedKnots.subarray(0, 2))).toEqual([0, 0]);
    expect(n.calibratedKnots[2]).toBeCloseTo(0.6, 12);
    expect(calibratePrediction(n, 5)).toBeCloseTo(0.6, 12);
    expect(n.predictionZeroFraction).toBeCloseTo(0.9, 12);
    expect(n.tieRule).toBe("conditional-mean");
  });

  it("conditional-mean keeps the mean of the calibrated predictions equal to the target's", () => {
    const rng = createSeededRng(4);
    const target = zeroInflatedSample(1000, Array.from({ length: 30 }, () => 1 + rng.uniform()));
    const targetMean = target.sortedNonZero.reduce((s, v) => s + v, 0) / 1000;
    const predictions = Array.from({ length: 400 }, () => Math.floor(3 * rng.uniform() ** 4)); // 0, 1, 2: heavy ties
    const calibrated = calibratePredictions(fitQuantileNormalizer(predictions, target), predictions);
    expect(calibrated.reduce((s, v) => s + v, 0) / 400).toBeCloseTo(targetMean, 12);
  });

  it("recovers the true values when raw predictions are a monotone transform of the same tokens", () => {
    const truth = normalSample(5, 200);
    const g = truth.map((t) => 3 + t);
    const calibrated = calibratePredictions(fitQuantileNormalizer(g, zeroInflatedSampleFromValues(truth)), g);
    truth.forEach((t, i) => expect(calibrated[i]).toBeCloseTo(t, 10));
  });

  it("rejects an unknown tie rule, naming it", () => {
    expect(() => fitQuantileNormalizer([1], zeroInflatedSample(3, [1]), "empirical", "lowest" as never)).toThrow(/got "lowest"/);
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
    const sample = zeroInflatedSample(4, [1, 2, 3, 4]);
    const at = (n: ReturnType<typeof fitQuantileNormalizer>) => [0, 4, 9].map((x) => calibratePrediction(n, x));
    // mid-rank 2.5, u = 2/4 → rank ceil(4·0.5) = 2 → 2
    expect(at(fitQuantileNormalizer([4, 4, 4, 4], sample, "empirical", "mid-rank"))).toEqual([2, 2, 2]);
    // conditional mean over the band [0, 1]: the target's mean (1 + 2 + 3 + 4) / 4
    expect(at(fitQuantileNormalizer([4, 4, 4, 4], sample))).toEqual([2.5, 2.5, 2.5]);
    // upper quantile: rank 4, u = 3.5/4 → rank ceil(3.5) = 4 → 4
    expect(at(fitQuantileNormalizer([4, 4, 4, 4], sample, "empirical", "upper-quantile"))).toEqual([4, 4, 4]);
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
    expect(fitQuantileNormalizer(shuffled, truth, "hf9", "mid-rank")).toEqual(fitQuantileNormalizer(raw, truth, "hf9", "mid-rank"));
  });
});
