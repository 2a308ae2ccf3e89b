// The hand-computed example shared by the evaluation tests (a test fixture).
import type { LinearCalibrationSet, QuantileCalibrationSet } from "@/lib/calibrate";
import { rewriteEvaluationConfig } from "@/lib/evaluate/evaluation-config";
import type { RewriteEvaluationInputs } from "@/lib/evaluate/evaluation-inputs";
import { fakeCoderAdapter } from "./fake-coder-adapter";

// Hand example: P = 2 prompts, L = 4 latents, k = 2, d = 1. W_dec = [1, 2, 3, 4], b_dec = 0.5, skip = [0, 1],
// target = [11, 14], clean CE = [1, 2]; ce_p = clean_p + (r_p − target_p)².
export const handCoderSpec = { k: 2, decoderRows: [[1], [2], [3], [4]], bDec: [0.5], skip: [[0], [1]], target: [[11], [14]], cleanCeNats: [1, 2] };

export function handInputs(): RewriteEvaluationInputs {
  // The quantile map of every latent: raw ≤ 4.5 → 0, then linear to 9 → 9, i.e. 2·(raw − 4.5).
  const normalizer = {
    estimator: "empirical" as const,
    tieRule: "mid-rank" as const,
    predictionCount: 3,
    trueSampleSize: 3,
    trueZeroFraction: 2 / 3,
    predictionZeroFraction: 2 / 3,
    rawKnots: Float64Array.of(0, 4.5, 9),
    cdfPositions: Float64Array.of(1 / 6, 1 / 2, 5 / 6),
    calibratedKnots: Float64Array.of(0, 0, 9),
  };
  const quantile: QuantileCalibrationSet = {
    mode: "calibrated-quantile",
    target: "prompts",
    estimator: "empirical",
    contextCount: 3,
    latents: Array.from({ length: 4 }, () => ({ failedPredictionCount: 0, normalizer })),
  };
  // max activation 9 on a 0–9 scale: the linear map is the identity.
  const linear: LinearCalibrationSet = { mode: "uncalibrated-linear", maxRawPrediction: 9, maxActivationByLatent: Float64Array.of(9, 9, 9, 9) };
  return {
    coder: fakeCoderAdapter(handCoderSpec),
    // prompt 0: TopK = {0: 3, 3: 2} → r = 0.5 + 0 + 3·1 + 2·4 = 11.5; prompt 1: {1: 4, 2: 1} → r = 0.5 + 1 + 8 + 3 = 12.5
    trueActivations: Float32Array.of(3, 1, 0, 2, 0, 4, 1, 0.5),
    rawPredictions: Float64Array.of(6, 0, 2, 0, 0, Number.NaN, 7, 5),
    calibrations: [quantile, linear],
    cleanCeNats: Float64Array.of(1, 2),
    // detection order: 0 (0.9), 3 (0.7), 2 (0.5), 1 (unscored)
    detectionScores: Float64Array.of(0.9, Number.NaN, 0.5, 0.7),
    fuzzingScores: Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN),
  };
}

export const handConfig = rewriteEvaluationConfig(7, { fractions: [0, 0.5, 1], selections: ["top-detection"], bootstrapResamples: 50, scoreBinEdges: [0, 0.6, 1] });
