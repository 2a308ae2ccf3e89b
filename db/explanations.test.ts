import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSyntheticCache } from "@/lib/cache/testing/seed-synthetic-cache";
import { openDatabase, type RewriteDatabase } from "./client";
import { saveExplanationScore, scoresOfExplanation } from "./explanation-scores";
import { addExplanation, currentExplanations, explanationHistory, makeExplanationCurrent } from "./explanations";
import { listLatents } from "./latent-list";
import { findLatentDetail } from "./latents";

let dir: string;
let db: RewriteDatabase;
let cacheId: number;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-explanations-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
  cacheId = (await seedSyntheticCache(db, { dataDir: dir, numLatents: 16, numContexts: 4 })).id;
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const search = (text: string) => listLatents(db, cacheId, { sort: "latent", direction: "asc", page: 1, pageSize: 10, search: text }).rows.map((r) => r.latent);
const score = (explanationId: number, scorer: "detection" | "fuzzing", scorerSource: string, balancedAccuracy: number) => ({
  explanationId,
  scorer,
  scorerSource,
  balancedAccuracy,
  precision: null,
  recall: null,
  f1: null,
  auc: null,
  exampleCount: 200,
  failedCount: 0,
  detailsJson: null,
});

describe("explanation versions", () => {
  it("keeps every version, exactly one current, mirrored into latents and the FTS index", () => {
    const first = addExplanation(db, { cacheId, latent: 3, text: "Closing parentheses", sourceKind: "statistical-baseline", sourceDetail: null }, at(1));
    const second = addExplanation(db, { cacheId, latent: 3, text: "Opening brackets in code", sourceKind: "llm", sourceDetail: "m" }, at(2));
    expect(explanationHistory(db, cacheId, 3).map((e) => [e.text, e.isCurrent])).toEqual([
      ["Opening brackets in code", true],
      ["Closing parentheses", false],
    ]);
    expect(currentExplanations(db, cacheId, [3, 4]).get(3)?.id).toBe(second.id);
    expect(currentExplanations(db, cacheId).has(4)).toBe(false);
    expect(findLatentDetail(db, cacheId, 3)?.explanation).toBe("Opening brackets in code");
    expect(search("brackets")).toEqual([3]);
    expect(search("parentheses")).toEqual([]);
    expect(first.isCurrent).toBe(true); // as returned when it was added
  });

  it("mirrors the current version's scores, preferring an LLM's over the lexical baseline's, and follows a revert", () => {
    const old = addExplanation(db, { cacheId, latent: 5, text: "Numbers", sourceKind: "llm", sourceDetail: "m" }, at(3));
    saveExplanationScore(db, score(old.id, "detection", "lexical-baseline", 0.6), at(4));
    expect(findLatentDetail(db, cacheId, 5)?.detectionScore).toBeCloseTo(0.6);
    saveExplanationScore(db, score(old.id, "detection", "llm:m", 0.8), at(5));
    saveExplanationScore(db, score(old.id, "fuzzing", "lexical-baseline", 0.55), at(6));
    expect(findLatentDetail(db, cacheId, 5)).toMatchObject({ detectionScore: 0.8, fuzzingScore: 0.55 });

    const edit = addExplanation(db, { cacheId, latent: 5, text: "Years like 1999", sourceKind: "user", sourceDetail: null, parentId: old.id }, at(7));
    expect(edit.parentId).toBe(old.id);
    expect(findLatentDetail(db, cacheId, 5)).toMatchObject({ explanation: "Years like 1999", detectionScore: null, fuzzingScore: null });
    // A score of a version that is not current is stored but not mirrored.
    saveExplanationScore(db, score(old.id, "detection", "llm:m", 0.7), at(8));
    expect(findLatentDetail(db, cacheId, 5)?.detectionScore).toBeNull();
    expect(scoresOfExplanation(db, old.id)).toHaveLength(3);

    makeExplanationCurrent(db, old.id);
    expect(findLatentDetail(db, cacheId, 5)).toMatchObject({ explanation: "Numbers", detectionScore: 0.7, fuzzingScore: 0.55 });
  });

  it("refuses to score an explanation that does not exist", () => {
    expect(() => saveExplanationScore(db, score(999_999, "detection", "llm:m", 0.5), at(9))).toThrow(/explanation 999999 does not exist/);
  });
});
