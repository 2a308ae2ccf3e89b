import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PackSummary } from "./pack-summary";
import { openDatabase } from "./client";
import { findPackByName, listPacks, upsertPack } from "./packs";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const summary: PackSummary = {
  name: "demo",
  dir: "/packs/demo",
  model: { layers: 4, dModel: 128, heads: 4, vocabSize: 4096, rotaryPct: 0.25 },
  layer: 2,
  contextLength: 128,
  coders: [],
};

describe("the packs table", () => {
  it("lives in a WAL-mode SQLite file and keeps one row per pack name", () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-db-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "nested", "rewrite.sqlite"));
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    upsertPack(db, summary, "aaaa", new Date("2026-01-01T00:00:00Z"));
    upsertPack(db, { ...summary, layer: 3 }, "bbbb", new Date("2026-02-01T00:00:00Z"));
    expect(listPacks(db)).toHaveLength(1);
    const row = findPackByName(db, "demo");
    expect(row?.identity).toBe("bbbb");
    expect(JSON.parse(row?.summaryJson ?? "{}").layer).toBe(3);
    expect(row?.registeredAt).toBe("2026-01-01T00:00:00.000Z"); // first registration is kept
    db.$client.close();
    // Reopening applies no migration twice.
    const reopened = openDatabase(join(dir, "nested", "rewrite.sqlite"));
    expect(listPacks(reopened)).toHaveLength(1);
    reopened.$client.close();
  });
});
