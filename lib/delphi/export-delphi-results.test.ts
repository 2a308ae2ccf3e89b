import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findActivationCache, type ActivationCacheRow } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { addExplanation, currentExplanations } from "@/db/explanations";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { seedSyntheticCache } from "@/lib/cache/testing/seed-synthetic-cache";
import { syntheticTokenText } from "@/lib/cache/testing/synthetic-stage-fixture";
import { withSafetensors } from "@/lib/formats/safetensors";
import { scoreLatents } from "@/lib/score";
import { FIXTURE_EXPECTED as expected, FIXTURE_RESULTS, fixtureTarget } from "@/lib/delphi/testing/delphi-test-support";
import { exportDelphiResults } from "./export-delphi-results";
import { importDelphiResults } from "./import-delphi-results";

let dir: string;
let db: RewriteDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-delphi-export-"));
  db = openDatabase(join(dir, "first", "rewrite.sqlite"));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokenText = () => syntheticTokenText;
const exportOptions = (packIdentity: string, out: string) => ({ dir: out, packIdentity, packName: "fixture", modelName: "/packs/fixture/model", tokenText });

/** Everything an import stored for one hookpoint, in plain values. */
function storedState(database: RewriteDatabase, row: ActivationCacheRow) {
  const cache = openActivationCache(row.dir);
  const latents = Array.from({ length: row.numLatents }, (_, l) => {
    const { positions, values } = cache.latentActivations(l);
    return { positions: Array.from(positions), values: Array.from(values) };
  });
  const explanations = [...currentExplanations(database, row.id).values()].map((e) => ({
    latent: e.latent,
    text: e.text,
    scores: scoresOfExplanation(database, e.id).map(({ createdAt: _c, explanationId: _e, detailsJson, ...s }) => ({ ...s, details: JSON.parse(detailsJson ?? "null") })),
  }));
  return { tokens: Array.from(cache.readTokens(0, cache.numTokens)), contextLength: row.contextLength, latents, explanations };
}

describe("exporting to delphi's layout", () => {
  it("writes delphi's files (u16 locations, f16 activations, i64 tokens, config.json) and re-imports identically", async () => {
    await importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: join(dir, "first") });
    const out = join(dir, "exported");
    const result = await exportDelphiResults(db, exportOptions("fixture-pack", out));
    expect(result).toMatchObject({ explanations: 2, scores: 3, scoresWithoutRecords: 0 });
    const moduleDir = join(out, "latents", expected.hookpoint);
    expect(readdirSync(moduleDir).sort()).toEqual(["0_2.safetensors", "12_15.safetensors", "3_5.safetensors", "6_8.safetensors", "9_11.safetensors", "config.json"]);
    withSafetensors(join(moduleDir, "3_5.safetensors"), (file) => {
      expect(file.info("locations").dtype).toBe("U16");
      expect(file.info("activations").dtype).toBe("F16");
      expect(file.info("tokens")).toMatchObject({ dtype: "I64", shape: [expected.numContexts, expected.contextLength] });
      const count = [3, 4, 5].reduce((n, l) => n + expected.latents[l].positions.length, 0);
      expect(file.info("locations").shape).toEqual([count, 3]);
    });
    const config = JSON.parse(readFileSync(join(moduleDir, "config.json"), "utf8"));
    expect(config).toMatchObject({ cache_ctx_len: expected.contextLength, n_splits: 5, model_name: "/packs/fixture/model" });
    for (const [latent, text] of Object.entries(expected.explanations)) {
      const name = `${expected.hookpoint}_latent${latent}.txt`;
      expect(JSON.parse(readFileSync(join(out, "explanations", name), "utf8"))).toBe(text);
    }
    for (const score of expected.scores) {
      const folder = score.task === "fuzzing" ? "fuzz" : "detection";
      const file = `${expected.hookpoint}_latent${score.latent}.txt`;
      expect(JSON.parse(readFileSync(join(out, "scores", folder, file), "utf8"))).toEqual(JSON.parse(readFileSync(join(FIXTURE_RESULTS, score.file), "utf8")));
    }

    const second = openDatabase(join(dir, "second", "rewrite.sqlite"));
    try {
      await importDelphiResults(second, { dir: out, target: fixtureTarget(), dataDir: join(dir, "second") });
      const original = storedState(db, findActivationCache(db, "fixture-pack", expected.hookpoint)!);
      const reimported = storedState(second, findActivationCache(second, "fixture-pack", expected.hookpoint)!);
      expect(reimported).toEqual(original);
      expect(original.latents[3]).toEqual(expected.latents[3]);
    } finally {
      second.$client.close();
    }
  });

  it("exports Rewrite's own cache (f32) and scores; delphi's metrics of the exported records match the stored ones", async () => {
    // The score stage's synthetic cache: latents fire in about 60% of windows, so both classes have examples.
    const row = await seedSyntheticCache(db, { dataDir: join(dir, "first"), packIdentity: "own-pack", numLatents: 64, k: 2, numContexts: 200, contextLength: 64, vocabSize: 40 });
    for (const latent of [1, 2]) addExplanation(db, { cacheId: row.id, latent, text: `w${latent * 7} and w${latent + 3}`, sourceKind: "user", sourceDetail: null }, new Date());
    const scored = await scoreLatents(db, { cacheId: row.id, scorer: "lexical-baseline", tasks: ["detection", "fuzzing"], latents: [1, 2], tokenText: syntheticTokenText, activatingPerLatent: 20, nonActivatingPerLatent: 20 });
    expect(scored.scored).toBe(4);
    const out = join(dir, "exported");
    const result = await exportDelphiResults(db, { ...exportOptions("own-pack", out), activationDtype: "F32", splits: 3 });
    expect(result).toMatchObject({ explanations: 2, scores: scored.scored });

    const second = openDatabase(join(dir, "second", "rewrite.sqlite"));
    try {
      const target = { packIdentity: "own-pack", packName: "own", vocabSize: 40, coders: [{ hookpoint: row.hookpoint, kind: "transcoder" as const, numLatents: 64 }] };
      await importDelphiResults(second, { dir: out, target, dataDir: join(dir, "second") });
      const original = storedState(db, row);
      const reimported = storedState(second, findActivationCache(second, "own-pack", row.hookpoint)!);
      expect(reimported.tokens).toEqual(original.tokens);
      expect(reimported.latents).toEqual(original.latents);
      expect(reimported.explanations.map((e) => e.text)).toEqual(original.explanations.map((e) => e.text));
      expect(original.explanations.flatMap((e) => e.scores)).toHaveLength(4);
      for (const [i, explanation] of original.explanations.entries()) {
        for (const score of explanation.scores) {
          const back = reimported.explanations[i].scores.find((s) => s.scorer === score.scorer)!;
          expect(back.scorerSource).toBe("delphi-import");
          expect(back.balancedAccuracy).toBeCloseTo(score.balancedAccuracy, 12);
          expect(back).toMatchObject({ exampleCount: score.exampleCount, failedCount: score.failedCount });
          const records = back.details as { activating: boolean; distance: number; correct: boolean | null; prediction: boolean | null; str_tokens: string[] }[];
          expect(records.map((r) => (r.activating ? 1 : 0))).toEqual(score.details.activating);
          expect(records.map((r) => (r.activating ? 9 - r.distance : null))).toEqual(score.details.quantile);
          expect(records.every((r) => r.correct === (r.prediction === null ? null : r.prediction === r.activating))).toBe(true);
          expect(records.every((r) => r.str_tokens.length === 32)).toBe(true);
        }
      }
    } finally {
      second.$client.close();
    }
  });
});
