import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { listJobs } from "@/db/jobs";
import { loadPackRuntime, type PackRuntime } from "@/lib/runtime/pack-runtime";
import { LexicalSimulator } from "@/lib/simulate";
import { rewriteEvaluationConfig } from "@/lib/evaluate";
import { evaluationStageSettings, type EvaluationStageSettings } from "@/lib/evaluate";
import { evaluationRunExtras, runEvaluationStage } from "@/lib/evaluate";
import { figure3Table } from "@/lib/evaluate";
import { packEvaluationInputs } from "@/lib/evaluate";
import { runPrepare, type PrepareOptions } from "./prepare-pipeline";
import { listRunItems } from "@/lib/evaluate";
import { stagePredictRaw } from "@/lib/evaluate";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import { canWriteTinyRandomPack, TINY_PACK, writeTinyRandomPack } from "@/lib/evaluate/testing/tiny-random-pack";

// The whole offline pipeline on a random-weight pack in the real on-disk layouts: cache → statistical explanations
// → lexical scores → lexical simulation → calibration → Fig. 3 → SQLite, then again (nothing recomputed), then the
// evaluation stage once more from the same config and seed (identical stored numbers).

const settings: EvaluationStageSettings = {
  ...evaluationStageSettings(5, { promptCount: 24, promptLength: 16, windowLength: 8, calibrationContextCount: 48, sampleSizes: [12, 48] }),
  evaluation: rewriteEvaluationConfig(5, { bootstrapResamples: 100, randomDraws: 2 }),
};

describe.runIf(canWriteTinyRandomPack())("prepare on a tiny random pack", () => {
  let root: string;
  let db: RewriteDatabase;
  let runtime: PackRuntime;
  let options: PrepareOptions;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "rewrite-prepare-"));
    const packDir = writeTinyRandomPack(root);
    db = openDatabase(join(root, "rewrite.sqlite"));
    runtime = loadPackRuntime(packDir);
    options = {
      db,
      dataDir: join(root, "data"),
      packDir,
      loadRuntime: () => runtime,
      hookpoint: TINY_PACK.transcoder,
      numTokens: 96 * TINY_PACK.contextLength,
      seed: 0,
      scoringExamplesPerClass: 8,
      settings,
    };
  });
  afterAll(async () => {
    await runtime?.release();
    db?.$client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("stores one run per calibration target whose Figure-3 table has every fraction and column", async () => {
    const result = await prepareOnce();
    expect(result.explained).toBeGreaterThan(0);
    expect(result.scored).toBeGreaterThan(0);
    expect(result.simulator).toEqual({ id: "lexical-baseline", kind: "baseline" });
    expect(result.reusedRuns).toBe(false);
    expect([...result.runs.keys()]).toEqual(["cache", "prompts"]);
    const store = new SqliteEvaluationRunStore(db);
    for (const [target, id] of result.runs) {
      const stored = await store.load(String(id));
      expect(stored?.inputRefs).toMatchObject({ calibrationTarget: target, simulatorId: "lexical-baseline", hookpoint: TINY_PACK.transcoder, coderKind: "transcoder" });
      const table = figure3Table(stored!.result);
      expect(table.rows.map((r) => r.fraction)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
      for (const row of table.rows) for (const cell of row.cells) expect(Number.isFinite(cell?.estimate)).toBe(true);
      expect(table.promptCount).toBe(24);
      const extras = evaluationRunExtras(stored!.result);
      expect(extras?.sampleSizeStudy.map((s) => s.sampleSize)).toEqual([12, 48]);
      expect(extras?.simulatedLatentCount).toBe(result.explained);
      // the largest study sample is the full calibration sample: its CE is the run's own top-detection CE
      const full = stored!.result.summaries.find((s) => s.selection === "top-detection" && s.treatment === "calibrated-quantile" && s.fraction === 1);
      expect(extras?.sampleSizeStudy[1].ceIncrease.at(-1)?.summary).toEqual(full?.summary);
      // the decomposition's "simulated" variant is the same rewrite as Fig. 3's top-detection calibrated column
      const simulated = extras?.errorDecomposition?.cells.find((c) => c.variant === "simulated" && c.fraction === 1);
      const fullRewrite = stored!.result.runs.find((r) => r.selection === "top-detection" && r.treatment === "calibrated-quantile" && r.fraction === 1)!.ceNats;
      expect(Array.from(simulated?.ceNats ?? [])).toEqual(Array.from(fullRewrite));
      // the ledger's base rows, run through the row path, are the same two rewrites
      const ledger = extras!.ledger!;
      ledger.fullRewriteCeNats.forEach((ce, p) => expect(ce).toBeCloseTo(fullRewrite[p], 4));
      ledger.coderAloneCeNats.forEach((ce, p) => expect(ce).toBeCloseTo(stored!.result.baselines.coderAlone.ceNats[p], 4));
      expect(ledger.explained.reduce((n, e) => n + e, 0)).toBe(result.explained);
      expect(ledger.proxyAgreement.map((a) => a.proxy)).toEqual(["detection", "fuzzing", "correlation"]);
      // per prompt: its tokens and the clean / rewritten top-10 next tokens
      expect(extras?.promptOutputs?.tokenIds.length).toBe(24 * extras!.promptOutputs!.promptLength);
      expect(extras?.promptOutputs?.rewritten.ids.length).toBe(24 * 10);
    }
    expect(listRunItems(db).map((r) => r.id)).toEqual([...result.runs.values()].reverse());
    expect(listJobs(db).map((j) => [j.kind, j.status])).toEqual([
      ["evaluate", "done"],
      ["cache", "done"],
    ]);
  });

  it("recomputes nothing the second time", async () => {
    const before = [...(await prepareOnce()).runs.values()];
    const again = await prepareOnce();
    expect(again.explained).toBe(0);
    expect(again.scored).toBe(0);
    expect(again.reusedRuns).toBe(true);
    expect([...again.runs.values()]).toEqual(before);
  });

  it("reproduces a run's numbers from its config and seed", async () => {
    const first = await prepareOnce();
    const cacheRow = findActivationCacheById(db, first.cacheId)!;
    const inputs = packEvaluationInputs(db, runtime, cacheRow, { id: "lexical-baseline", predictRaw: stagePredictRaw(db, new LexicalSimulator()) });
    const store = new SqliteEvaluationRunStore(db);
    const [again] = await runEvaluationStage(inputs, { ...settings, calibrationTargets: ["cache"] }, store);
    expect(again.runId).not.toBe(String(first.runs.get("cache")));
    const original = await store.load(String(first.runs.get("cache")));
    const repeated = await store.load(again.runId);
    expect(repeated).toEqual(original);
  });

  function prepareOnce() {
    return runPrepare(options);
  }
});
