import { describe, expect, it } from "vitest";
import { readEvaluationArrays } from "@/db/evaluation-runs";
import { databaseWithCache, smallResult } from "@/lib/evaluate/testing/small-evaluation-fixture";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";

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
