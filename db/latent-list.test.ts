import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSyntheticCache } from "@/lib/cache/testing/seed-synthetic-cache";
import { openDatabase, type RewriteDatabase } from "./client";
import { ftsQueryOf, listLatents, type LatentListQuery } from "./latent-list";
import { addExplanation } from "./explanations";
import { setLatentExplanation, setLatentScores } from "./latents";

let dir: string;
let db: RewriteDatabase;
let cacheId: number;

const EXPLANATIONS: Record<number, string> = {
  0: "Capital letters at the start of sentences",
  1: "Numbers in financial reports",
  2: "The word 'capitalism' and economic terms",
  3: "Closing parentheses",
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-list-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
  const row = await seedSyntheticCache(db, { dataDir: dir, numLatents: 64, explanation: (l) => EXPLANATIONS[l] ?? null });
  cacheId = row.id;
  setLatentScores(db, cacheId, 0, { detection: 0.9, fuzzing: 0.6 });
  setLatentScores(db, cacheId, 1, { detection: 0.7, fuzzing: 0.8 });
  setLatentScores(db, cacheId, 2, { detection: 0.5 });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const base: LatentListQuery = { sort: "latent", direction: "asc", page: 1, pageSize: 10 };
const latentsOf = (query: Partial<LatentListQuery>) => listLatents(db, cacheId, { ...base, ...query }).rows.map((r) => r.latent);

describe("listing latents", () => {
  it("finds explanations by word prefix with FTS5 (porter stemming), ignoring case and punctuation", () => {
    expect(latentsOf({ search: "capital" })).toEqual([0, 2]);
    expect(latentsOf({ search: "NUMBER" })).toEqual([1]);
    expect(latentsOf({ search: "economic capital" })).toEqual([2]);
    expect(latentsOf({ search: 'report" *' })).toEqual([1]); // quotes and stars are not parsed as FTS5 syntax
    expect(latentsOf({ search: "numbers OR capital" })).toEqual([]); // OR is a word here: every word must match
    expect(latentsOf({ search: "zebra" })).toEqual([]);
    expect(listLatents(db, cacheId, { ...base, search: "capital" }).total).toBe(2);
  });

  it("adds latents the search matched otherwise (their promoted tokens) to the explanation matches", () => {
    expect(latentsOf({ search: "zebra", alsoLatents: [12, 40] })).toEqual([12, 40]);
    expect(latentsOf({ search: "capital", alsoLatents: [12] })).toEqual([0, 2, 12]);
    expect(listLatents(db, cacheId, { ...base, search: "capital", sort: "relevance", alsoLatents: [12] }).total).toBe(3);
  });

  it("keeps the index in sync when an explanation changes or is cleared", () => {
    setLatentExplanation(db, cacheId, 3, "Opening brackets");
    expect(latentsOf({ search: "parentheses" })).toEqual([]);
    expect(latentsOf({ search: "brackets" })).toEqual([3]);
    setLatentExplanation(db, cacheId, 3, null);
    expect(latentsOf({ search: "brackets" })).toEqual([]);
    setLatentExplanation(db, cacheId, 3, "Closing parentheses");
  });

  it("sorts by any column with missing values last, and filters by minimum scores", () => {
    expect(latentsOf({ sort: "detection", direction: "desc", pageSize: 4 })).toEqual([0, 1, 2, 3]);
    expect(latentsOf({ sort: "detection", direction: "asc", pageSize: 4 })).toEqual([2, 1, 0, 3]);
    expect(latentsOf({ sort: "fuzzing", direction: "desc", pageSize: 3 })).toEqual([1, 0, 2]);
    expect(latentsOf({ minDetection: 0.6 })).toEqual([0, 1]);
    expect(latentsOf({ minDetection: 0.6, minFuzzing: 0.7 })).toEqual([1]);
    const byFrequency = listLatents(db, cacheId, { ...base, sort: "frequency", direction: "desc", pageSize: 64 }).rows.map((r) => r.frequency);
    expect(byFrequency).toEqual([...byFrequency].sort((a, b) => b - a));
    const byMax = listLatents(db, cacheId, { ...base, sort: "max", direction: "asc", pageSize: 64 }).rows.map((r) => r.maxActivation);
    expect(byMax).toEqual([...byMax].sort((a, b) => a - b));
  });

  it("pages through all latents without gaps or repeats", () => {
    const seen: number[] = [];
    for (let page = 1; page <= 7; page++) seen.push(...latentsOf({ page, sort: "frequency", direction: "desc" }));
    expect(seen).toHaveLength(64);
    expect(new Set(seen).size).toBe(64);
    expect(listLatents(db, cacheId, { ...base, page: 7 }).total).toBe(64);
  });

  it("filters by a frequency range, hides dead latents and keeps only user-edited ones", () => {
    const all = listLatents(db, cacheId, { ...base, pageSize: 64 }).rows;
    const frequencies = all.map((r) => r.frequency).sort((a, b) => a - b);
    const [low, high] = [frequencies[16], frequencies[48]];
    const inRange = all.filter((r) => r.frequency >= low && r.frequency <= high).map((r) => r.latent);
    expect(latentsOf({ minFrequency: low, maxFrequency: high, pageSize: 64 })).toEqual(inRange);
    // A latent that never fires: the synthetic cache has none, so make one.
    db.$client.prepare("UPDATE latents SET non_zero_count = 0, frequency = 0 WHERE cache_id = ? AND latent = 5").run(cacheId);
    expect(latentsOf({ hideDead: true, pageSize: 64 })).toHaveLength(63);
    expect(latentsOf({ hideDead: true, pageSize: 64 })).not.toContain(5);

    addExplanation(db, { cacheId, latent: 9, text: "Commas in lists", sourceKind: "user", sourceDetail: null }, new Date());
    addExplanation(db, { cacheId, latent: 10, text: "Semicolons", sourceKind: "statistical-baseline", sourceDetail: null }, new Date());
    expect(latentsOf({ editedOnly: true })).toEqual([9]);
    expect(listLatents(db, cacheId, { ...base, page: 1, pageSize: 11 }).rows.map((r) => r.edited)).toEqual([...new Array<boolean>(9).fill(false), true, false]);
  });

  it("quotes each typed word as a prefix term", () => {
    expect(ftsQueryOf("Capital-letters, 2nd!")).toBe('"Capital"* "letters"* "2nd"*');
    expect(ftsQueryOf("  ?! ")).toBeUndefined();
  });
});
