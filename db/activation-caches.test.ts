import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCache, recordActivationCache, type ActivationCacheRecord } from "./activation-caches";
import { openDatabase, type RewriteDatabase } from "./client";
import { explanationHash, findPredictions, predictionContextId, predictionWriter } from "./predictions";

let dir: string;
let db: RewriteDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-caches-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (overrides: Partial<ActivationCacheRecord> = {}): ActivationCacheRecord => ({
  packIdentity: "pack-a",
  hookpoint: "layers.2.mlp",
  coderKind: "transcoder",
  dir: "/data/cache/a",
  numLatents: 8,
  contextLength: 16,
  numContexts: 10,
  nonZeros: 500,
  sourceKey: "seed-0",
  ...overrides,
});

describe("recordActivationCache", () => {
  it("keeps the row for the same build and gives a rebuilt cache a new id, taking its predictions with the old one", () => {
    const first = recordActivationCache(db, record(), new Date("2026-01-01T00:00:00Z"));
    expect(recordActivationCache(db, record(), new Date("2026-01-02T00:00:00Z")).id).toBe(first.id);

    // A prediction on context "<first.id>:40:32" of the first build, and one of another cache that must survive.
    const key = { simulatorId: "llm:m", explanationHash: explanationHash("Numbers") };
    const writer = predictionWriter(db, key);
    const oldContext = predictionContextId(first.id, 40, 32);
    const otherContext = predictionContextId(first.id + 100, 40, 32);
    writer.commit([
      [oldContext, { ok: true, prediction: 7 }],
      [otherContext, { ok: true, prediction: 2 }],
    ]);

    // Same token count, different seed: the same positions hold other tokens, so it is a different cache.
    const rebuilt = recordActivationCache(db, record({ sourceKey: "seed-1" }), new Date("2026-01-03T00:00:00Z"));
    expect(rebuilt.id).not.toBe(first.id);
    expect(findActivationCache(db, "pack-a", "layers.2.mlp")!.id).toBe(rebuilt.id);
    // The new cache's context at the same position has no stored answer: nothing crosses over.
    expect(findPredictions(db, key, [predictionContextId(rebuilt.id, 40, 32), oldContext]).size).toBe(0);
    expect(findPredictions(db, key, [otherContext]).get(otherContext)).toEqual({ ok: true, prediction: 2 });

    // Ids are never reused, even after the newest row is removed (AUTOINCREMENT).
    const again = recordActivationCache(db, record({ sourceKey: "seed-2" }), new Date("2026-01-04T00:00:00Z"));
    expect(again.id).toBeGreaterThan(rebuilt.id);
  });

  it("treats changed contents without a source key as a new cache, and adopts a key for an unchanged old row", () => {
    const old = recordActivationCache(db, record({ hookpoint: "layers.3.mlp", sourceKey: undefined }), new Date());
    expect(old.sourceKey).toBeNull();
    const adopted = recordActivationCache(db, record({ hookpoint: "layers.3.mlp", sourceKey: "seed-0" }), new Date());
    expect([adopted.id, adopted.sourceKey]).toEqual([old.id, "seed-0"]);
    const changed = recordActivationCache(db, record({ hookpoint: "layers.3.mlp", sourceKey: undefined, nonZeros: 501 }), new Date());
    expect(changed.id).not.toBe(old.id);
  });
});
