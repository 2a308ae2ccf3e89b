import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findActivationCache } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { currentExplanations } from "@/db/explanations";
import { findLatentDetail } from "@/db/latents";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { explanationProvenance, provenanceCounts } from "@/lib/explain";
import { FIXTURE_EXPECTED as expected, FIXTURE_RESULTS, fixtureTarget, rowCounts } from "@/lib/delphi/testing/delphi-test-support";
import { importDelphiResults } from "./import-delphi-results";

let dir: string;
let db: RewriteDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-delphi-import-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const importFixture = () => importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: dir, now: () => new Date(Date.UTC(2026, 10, 23)) });

describe("importing delphi's results", () => {
  it("turns the split latent files (f16/u16, f16/u32, bf16/i64) into a summarized Rewrite cache with the script's values", async () => {
    const result = await importFixture();
    expect(result.caches).toEqual([
      expect.objectContaining({ hookpoint: expected.hookpoint, numContexts: expected.numContexts, contextLength: expected.contextLength, nonZeros: expected.nonZeros, files: 3 }),
    ]);
    const row = findActivationCache(db, "fixture-pack", expected.hookpoint);
    expect(row?.summarizedAt).not.toBeNull();
    expect(row?.numLatents).toBe(expected.numLatents);
    const cache = openActivationCache(row!.dir);
    expect(Array.from(cache.readTokens(0, expected.tokens.length))).toEqual(expected.tokens);
    for (let latent = 0; latent < expected.numLatents; latent++) {
      const { positions, values } = cache.latentActivations(latent);
      expect(Array.from(positions), `latent ${latent}`).toEqual(expected.latents[latent].positions);
      expect(Array.from(values), `latent ${latent}`).toEqual(expected.latents[latent].values);
      const max = Math.max(0, ...expected.latents[latent].values);
      expect(findLatentDetail(db, row!.id, latent)?.maxActivation).toBeCloseTo(max, 6);
    }
  });

  it("stores explanations as delphi-import versions and scores with delphi's metrics, labelled with their source", async () => {
    const result = await importFixture();
    expect(result).toMatchObject({ explanations: { added: 2, unchanged: 0, keptCurrent: {}, madeCurrent: 0 }, scores: 3, skipped: [] });
    const cacheId = findActivationCache(db, "fixture-pack", expected.hookpoint)!.id;
    const current = currentExplanations(db, cacheId);
    expect(Object.fromEntries([...current].map(([latent, e]) => [String(latent), e.text]))).toEqual(expected.explanations);
    for (const e of current.values()) {
      expect(e.sourceKind).toBe("delphi-import");
      expect(e.sourceDetail).toBe(join(FIXTURE_RESULTS, "explanations", `${expected.hookpoint}_latent${e.latent}.txt`));
    }
    for (const want of expected.scores) {
      const score = scoresOfExplanation(db, current.get(want.latent)!.id).find((s) => s.scorer === want.task);
      expect(score, want.file).toMatchObject({ scorerSource: "delphi-import", exampleCount: want.exampleCount, failedCount: want.failedCount });
      expect(score!.balancedAccuracy).toBeCloseTo(want.balancedAccuracy, 12);
      expect(score!.precision).toBeCloseTo(want.precision, 12);
      expect(score!.recall).toBeCloseTo(want.recall, 12);
      expect(score!.f1).toBeCloseTo(want.f1, 12);
      if (want.auc === null) expect(score!.auc).toBeNull();
      else expect(score!.auc).toBeCloseTo(want.auc, 12);
    }
    const provenance = explanationProvenance(db, cacheId, 3);
    expect(provenance?.sourceLabel).toMatch(/^imported from delphi/);
    expect(provenance?.scores.map((s) => s.scorerLabel)).toEqual(["imported from delphi", "imported from delphi"]);
    // One source in the list page's caption, though each explanation names its own file.
    expect(provenanceCounts(db, cacheId)).toEqual({ explanations: [{ label: "imported from delphi", count: 2 }], scores: [{ label: "imported from delphi", count: 3 }] });
    expect(findLatentDetail(db, cacheId, 3)?.detectionScore).toBeCloseTo(expected.scores[0].balancedAccuracy, 12);
  });

  it("imports again without repeating unchanged explanations", async () => {
    await importFixture();
    const before = rowCounts(db);
    const again = await importFixture();
    expect(again).toMatchObject({ explanations: { added: 0, unchanged: 2 }, scores: 3 });
    expect(again.caches[0].replaced).toBeUndefined();
    expect(rowCounts(db)).toEqual(before);
  });

  it("imports only the hookpoints asked for, and refuses one the pack lacks", async () => {
    const none = await importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: dir, hookpoints: ["layers.2"] });
    expect(none).toMatchObject({ caches: [], explanations: { added: 0 }, scores: 0 });
    // Nothing of layers.2.mlp is imported, and each of its folders says so once.
    const notAsked = "layers.2.mlp is not asked for (--hookpoint layers.2)";
    expect(none.skipped).toEqual(
      ["latents/layers.2.mlp", "explanations/layers.2.mlp_latent*.txt", "scores/detection/layers.2.mlp_latent*.txt", "scores/fuzz/layers.2.mlp_latent*.txt"].map((file) => ({
        file: join(FIXTURE_RESULTS, file),
        reason: notAsked,
      })),
    );
    await expect(importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: dir, hookpoints: ["layers.9.mlp"] })).rejects.toThrow(
      /--hookpoint: hookpoint "layers.9.mlp" is not one of pack fixture's coders \(layers.2.mlp, layers.2\)/,
    );
  });
});
