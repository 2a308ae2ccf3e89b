import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { upsertPack } from "@/db/packs";
import { evaluationRuns } from "@/db/schema";
import { loadRunPageData, type RunPageData } from "@/lib/evaluate";
import { databaseWithCache, smallResult } from "@/lib/evaluate/testing/small-evaluation-fixture";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import type { PackSummary } from "@/lib/packs/pack-summary";
import { runShareRow } from "./create-run-share";
import { loadShare } from "./load-share";
import { runShareText } from "./run-share-text";
import type { RunShareSnapshot } from "./share-snapshot";
import { storeShare } from "./store-share";

const PACK: PackSummary = {
  name: "tiny",
  dir: "/packs/tiny",
  model: { layers: 1, dModel: 2, heads: 1, vocabSize: 8, rotaryPct: 1 },
  layer: 0,
  contextLength: 4,
  coders: [{ kind: "transcoder", hookpoint: "layers.0.mlp", numLatents: 3, k: 1, skipConnection: true, dIn: 2 }],
};

async function storedRun() {
  const { db, cacheId } = databaseWithCache();
  upsertPack(db, PACK, "p1", new Date(0));
  const inputRefs = { cacheId, packIdentity: "p1", simulatorId: "lexical-baseline", coderKind: "transcoder", hookpoint: "layers.0.mlp" };
  const runId = Number(await new SqliteEvaluationRunStore(db).save({ inputRefs, result: await smallResult() }));
  return { db, runId };
}

const counter = () => {
  let next = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => next++);
};

describe("shared run snapshots", () => {
  it("freeze every view of the run with the pack's identity, and stay the same after the run and pack change", async () => {
    const { db, runId } = await storedRun();
    const row = await runShareRow(db, runId, new Date(5000));
    expect(row).toBeDefined();
    const stored = storeShare(db, row!, counter());
    expect(stored.slug).toBe("23456789abcd");
    const live = await loadRunPageData(db, String(runId), { statistic: "median-absolute", topSelection: "top-fuzzing" });
    const before = loadShare(db, stored.slug)!;
    expect(before.snapshot.kind).toBe("run");
    expect(before.snapshot.pack).toEqual({ name: "tiny", identity: "p1", summary: PACK });
    expect(Object.keys((before.snapshot as RunShareSnapshot).variants).sort()).toEqual(["mean:top-detection", "mean:top-fuzzing", "median-absolute:top-detection", "median-absolute:top-fuzzing"]);
    expect((before.snapshot as RunShareSnapshot).variants["median-absolute:top-fuzzing"]).toEqual(live);
    expect(before.createdAt).toBe("1970-01-01T00:00:05.000Z");

    db.delete(evaluationRuns).where(eq(evaluationRuns.id, runId)).run();
    upsertPack(db, { ...PACK, layer: 7 }, "p2", new Date(9000));
    expect(loadShare(db, stored.slug)).toEqual(before);
    expect(await runShareRow(db, runId, new Date())).toBeUndefined();
    db.$client.close();
  });

  it("draws another slug on a collision and gives up on a constant random source", async () => {
    const { db, runId } = await storedRun();
    const row = (await runShareRow(db, runId, new Date(0)))!;
    const zeros = (n: number) => new Uint8Array(n);
    expect(storeShare(db, row, zeros).slug).toBe("222222222222");
    expect(() => storeShare(db, row, zeros)).toThrow(/could not draw an unused share slug/);
    expect(loadShare(db, "nonexistent1")).toBeUndefined();
    expect(loadShare(db, "../etc")).toBeUndefined();
    db.$client.close();
  });
});

describe("runShareText", () => {
  it("headlines the largest fraction's top-scoring calibrated cell against zero ablation", () => {
    const cell = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper });
    const data = {
      id: "12",
      coderKind: "transcoder",
      promptCount: 500,
      inputs: { hookpoint: "layers.2.mlp", simulatorId: "lexical-baseline" },
      table: {
        columns: [
          { id: "top-calibrated", label: "" },
          { id: "zero-ablation", label: "" },
        ],
        rows: [
          { fraction: 0.5, cells: [cell(9, 9, 9), cell(9, 9, 9)] },
          { fraction: 1, cells: [cell(0.0374, 0.0112, 0.0611), cell(0.0886, 0.058, 0.1181)] },
        ],
      },
    } as unknown as RunPageData;
    expect(runShareText(data, "demo")).toEqual({
      title: "Run 12: rewriting a transcoder (layers.2.mlp) of demo in natural language",
      description:
        "Mean CE increase with 100% of latents rewritten (top-scoring, calibrated): +0.037 nats [0.011, 0.061] vs zero ablation +0.089 [0.058, 0.118]. " +
        "500 held-out prompts, predictions by lexical-baseline, an offline baseline (no LLM).",
    });
  });
});
