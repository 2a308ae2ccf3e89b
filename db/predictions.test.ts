import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "./client";
import { explanationHash, findPredictions, predictionContextId, predictionWriter } from "./predictions";

let dir: string;
let db: RewriteDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-predictions-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the prediction cache", () => {
  it("hashes the exact explanation text: sha256, hex, first 32 characters", () => {
    // sha256("abc") is the FIPS 180-2 test vector ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.
    expect(explanationHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223");
    expect(explanationHash("Numbers ")).not.toBe(explanationHash("Numbers"));
    expect(explanationHash("é")).toBe(createHash("sha256").update(Buffer.from([0xc3, 0xa9])).digest("hex").slice(0, 32));
  });

  it("stores outcomes per (simulator, explanation, context) and reads them back, failures with their reason", () => {
    const key = { simulatorId: "llm:m", explanationHash: explanationHash("Numbers") };
    const writer = predictionWriter(db, key, () => new Date("2026-01-01T00:00:00Z"));
    const probs = Float64Array.from([0.5, 0.25, 0.25, 0, 0, 0, 0, 0, 0, 0]);
    writer.commit([
      [predictionContextId(1, 40, 32), { ok: true, prediction: 0.75, digitProbs: probs }],
      ["1:41:32", { ok: false, reason: "refusal", detail: 'expected a list like [3], got "I can\'t: no"' }],
    ]);
    writer.commit([["1:42:32", { ok: true, prediction: 3 }]]);
    const ids = Array.from({ length: 1200 }, (_, i) => `1:${i}:32`); // more than one lookup chunk
    const found = findPredictions(db, key, ids);
    expect([...found.keys()].sort()).toEqual(["1:40:32", "1:41:32", "1:42:32"]);
    expect(found.get("1:40:32")).toEqual({ ok: true, prediction: 0.75, digitProbs: probs }); // these values are exact in f32
    expect(found.get("1:41:32")).toEqual({ ok: false, reason: "refusal", detail: 'expected a list like [3], got "I can\'t: no"' });
    expect(found.get("1:42:32")).toEqual({ ok: true, prediction: 3 });
    expect(findPredictions(db, { ...key, simulatorId: "lexical-baseline" }, ids).size).toBe(0);
    expect(findPredictions(db, { ...key, explanationHash: explanationHash("Years") }, ids).size).toBe(0);
    // A later answer replaces the stored one.
    writer.commit([["1:41:32", { ok: true, prediction: 1 }]]);
    expect(findPredictions(db, key, ["1:41:32"]).get("1:41:32")).toEqual({ ok: true, prediction: 1 });
  });
});
