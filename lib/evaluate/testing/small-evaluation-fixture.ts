// A three-latent evaluation run over four prompts, small enough to check by eye, stored in an in-memory database.
import { recordActivationCache } from "@/db/activation-caches";
import { openDatabase } from "@/db/client";
import { fitLinearCalibration, fitQuantileCalibration } from "@/lib/calibrate";
import { zeroInflatedSampleFromValues } from "@/lib/core/zero-inflated-sample";
import { rewriteEvaluationConfig } from "@/lib/evaluate/evaluation-config";
import { fakeCoderAdapter } from "./fake-coder-adapter";
import { runRewriteEvaluation } from "@/lib/evaluate/rewrite-evaluation";

export async function smallResult() {
  // 4 prompts, 3 latents, k = 1, d = 2; latent 2 never predicted (NaN), one score missing.
  const trueActivations = Float32Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 1, 0);
  const rawPredictions = Float64Array.of(9, 0, Number.NaN, 0, 5, Number.NaN, 1, 1, Number.NaN, 4, 2, Number.NaN);
  const coder = fakeCoderAdapter({
    k: 1,
    decoderRows: [[1, 0], [0, 1], [1, 1]],
    bDec: [0, 0],
    skip: [[0, 0], [0, 0], [0, 0], [0, 0]],
    target: [[1, 0], [0, 2], [3, 3], [1, 0]],
    cleanCeNats: [1, 2, 3, 4],
  });
  const columns = [0, 1, 2].map((l) => zeroInflatedSampleFromValues([0, 1, 2, 3].map((p) => trueActivations[p * 3 + l])));
  return runRewriteEvaluation(rewriteEvaluationConfig(9, { bootstrapResamples: 20, fractions: [0, 0.5, 1] }), {
    coder,
    trueActivations,
    rawPredictions,
    calibrations: [fitQuantileCalibration(rawPredictions, 3, { kind: "cache", sampleOfLatent: (l) => columns[l] }), fitLinearCalibration(columns)],
    cleanCeNats: Float64Array.of(1, 2, 3, 4),
    detectionScores: Float64Array.of(0.9, 0.6, Number.NaN),
    fuzzingScores: Float64Array.of(0.7, 0.8, 0.5),
  });
}

export function databaseWithCache() {
  const db = openDatabase(":memory:");
  const row = recordActivationCache(
    db,
    { packIdentity: "p1", hookpoint: "layers.0.mlp", coderKind: "transcoder", dir: "/nowhere", numLatents: 3, contextLength: 4, numContexts: 1, nonZeros: 0 },
    new Date(0),
  );
  return { db, cacheId: String(row.id) };
}
