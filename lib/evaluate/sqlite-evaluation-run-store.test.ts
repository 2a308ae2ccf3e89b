import { describe, expect, it } from "vitest";
import { recordActivationCache } from "@/db/activation-caches";
import { openDatabase } from "@/db/client";
import { readEvaluationArrays } from "@/db/evaluation-runs";
import { fitLinearCalibration, fitQuantileCalibration } from "@/lib/calibrate";
import { zeroInflatedSampleFromValues } from "@/lib/core/zero-inflated-sample";
import { rewriteEvaluationConfig } from "./evaluation-config";
import { fakeCoderAdapter } from "./fake-coder-adapter";
import { runRewriteEvaluation } from "./rewrite-evaluation";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";

async function smallResult() {
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

function databaseWithCache() {
  const db = openDatabase(":memory:");
  const row = recordActivationCache(
    db,
    { packIdentity: "p1", hookpoint: "layers.0.mlp", coderKind: "transcoder", dir: "/nowhere", numLatents: 3, contextLength: 4, numContexts: 1, nonZeros: 0 },
    new Date(0),
  );
  return { db, cacheId: String(row.id) };
}

describe("the SQLite evaluation run store", () => {
  it("reads back exactly what it stored, with every typed array as a BLOB", async () => {
    const { db, cacheId } = databaseWithCache();
    const store = new SqliteEvaluationRunStore(db, () => new Date(1000));
    const result = await smallResult();
    const inputRefs = { cacheId, packIdentity: "p1", simulatorId: "lexical-baseline", coderKind: "transcoder", promptCount: "4" };
    const id = await store.save({ inputRefs, result });
    expect(await store.load(id)).toEqual({ inputRefs, result });
    const arrays = readEvaluationArrays(db, Number(id));
    expect(arrays.find((a) => a.name === "baselines/cleanCeNats")).toMatchObject({ dtype: "f64" });
    expect(arrays.find((a) => a.name === "baselines/cleanCeNats")?.data.byteLength).toBe(4 * 8);
    expect(arrays.length).toBeGreaterThan(result.runs.length);
    expect(await store.list()).toEqual([{ id, seed: 9, coderKind: "transcoder", promptCount: 4, inputRefs }]);
    expect(await store.load("999")).toBeUndefined();
    expect(await store.load("not-a-number")).toBeUndefined();
    db.$client.close();
  });

  it("refuses a run that does not name its cache, pack, coder and simulator", async () => {
    const { db, cacheId } = databaseWithCache();
    const store = new SqliteEvaluationRunStore(db);
    const result = await smallResult();
    await expect(store.save({ inputRefs: { cacheId, packIdentity: "p1", coderKind: "transcoder" }, result })).rejects.toThrow(/inputRefs.simulatorId is missing/);
    await expect(store.save({ inputRefs: { cacheId, packIdentity: "p1", simulatorId: "x", coderKind: "sae" }, result })).rejects.toThrow(
      /coderKind is "sae" but the result is of a transcoder/,
    );
    db.$client.close();
  });
});
