import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findActivationCache } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { addExplanation, currentExplanations } from "@/db/explanations";
import { syntheticTokenText } from "@/lib/cache/testing/synthetic-stage-fixture";
import { FIXTURE_EXPECTED as expected, FIXTURE_RESULTS, fixtureTarget } from "@/lib/delphi/testing/delphi-test-support";
import { exportDelphiResults, type ExportDelphiOptions } from "./export-delphi-results";
import { sameFolderContents } from "./export-folder-swap";
import { importDelphiResults } from "./import-delphi-results";

let dir: string;
let db: RewriteDatabase;
let out: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-delphi-export-folder-"));
  db = openDatabase(join(dir, "first", "rewrite.sqlite"));
  await importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: join(dir, "first") });
  out = join(dir, "exports", "run");
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const exportTo = (options: Partial<ExportDelphiOptions> = {}, database = db) =>
  exportDelphiResults(database, { dir: out, packIdentity: "fixture-pack", packName: "fixture", modelName: "/packs/fixture/model", tokenText: () => syntheticTokenText, ...options });
const rangeFiles = () => readdirSync(join(out, "latents", expected.hookpoint)).filter((f) => f.endsWith(".safetensors")).sort();
/** The export's parent holds the export and nothing else: no sibling left behind. */
const siblings = () => readdirSync(join(dir, "exports"));

describe("exporting into a folder", () => {
  it("replaces an export with other splits only with force, leaving no old range file and no sibling", async () => {
    expect(await exportTo({ splits: 5 })).toMatchObject({ outcome: "written" });
    expect(rangeFiles()).toEqual(["0_2.safetensors", "12_15.safetensors", "3_5.safetensors", "6_8.safetensors", "9_11.safetensors"]);
    await expect(exportTo({ splits: 3 })).rejects.toThrow(/run holds a different export \(pack fixture, layers\.2\.mlp, 5 splits, F16 activations\); pass --force/);
    expect(rangeFiles()).toHaveLength(5);
    expect(await exportTo({ splits: 3, force: true })).toMatchObject({ outcome: "replaced" });
    // delphi's linspace(0, 16, 4).long() → 0, 5, 10, 16.
    expect(rangeFiles()).toEqual(["0_4.safetensors", "10_15.safetensors", "5_9.safetensors"]);
    expect(siblings()).toEqual(["run"]);
  });

  it("leaves an identical export as it was, and refuses one whose explanations changed since", async () => {
    await exportTo();
    const before = readFileSync(join(out, "latents", expected.hookpoint, "3_5.safetensors"));
    expect(await exportTo()).toMatchObject({ outcome: "unchanged", explanations: 2, scores: 3 });
    expect(readFileSync(join(out, "latents", expected.hookpoint, "3_5.safetensors")).equals(before)).toBe(true);
    const cacheId = findActivationCache(db, "fixture-pack", expected.hookpoint)!.id;
    addExplanation(db, { cacheId, latent: 3, text: "Edited", sourceKind: "user", sourceDetail: null }, new Date());
    await expect(exportTo()).rejects.toThrow(/holds a different export of the same settings \(pack fixture, layers\.2\.mlp, 5 splits, F16 activations\) whose explanations, scores or activations differ/);
    expect(JSON.parse(readFileSync(join(out, "explanations", `${expected.hookpoint}_latent3.txt`), "utf8"))).toBe(expected.explanations[3]);
    expect(siblings()).toEqual(["run"]);
  });

  it("never replaces a folder holding other things, and replaces delphi's own results only with force", async () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "notes.txt"), "mine");
    await expect(exportTo({ force: true })).rejects.toThrow(/run holds notes\.txt, which is not a delphi results layout; it is never replaced \(not even with --force\)/);
    expect(readdirSync(out)).toEqual(["notes.txt"]);
    rmSync(join(out, "notes.txt"));
    mkdirSync(join(out, "latents", "layers.2.mlp"), { recursive: true });
    writeFileSync(join(out, "run_config.json"), "{}");
    await expect(exportTo()).rejects.toThrow(/run holds delphi results \(latents, run_config\.json\) that Rewrite did not export; pass --force/);
    expect(await exportTo({ force: true })).toMatchObject({ outcome: "replaced" });
    expect(existsSync(join(out, "run_config.json"))).toBe(false);
  });

  it("removes what it wrote when stopped, and the siblings of killed exports", async () => {
    mkdirSync(join(dir, "exports", ".run.export-999999999", "latents"), { recursive: true });
    const stop = new AbortController();
    stop.abort(new Error("stopped by Ctrl-C"));
    await expect(exportTo({ signal: stop.signal })).rejects.toThrow(/stopped by Ctrl-C/);
    expect(siblings()).toEqual([]);
  });

  it("round-trips: export → import → export gives the same files, and the same explanations and scores bit for bit", async () => {
    await exportTo({ activationDtype: "F32" });
    const second = openDatabase(join(dir, "second", "rewrite.sqlite"));
    try {
      await importDelphiResults(second, { dir: out, target: fixtureTarget(), dataDir: join(dir, "second") });
      const again = join(dir, "again");
      await exportTo({ activationDtype: "F32", dir: again }, second);
      expect(sameFolderContents(out, again)).toBe(true);
      const stored = (database: RewriteDatabase) => {
        const cacheId = findActivationCache(database, "fixture-pack", expected.hookpoint)!.id;
        return [...currentExplanations(database, cacheId).values()].map((e) => ({
          latent: e.latent,
          text: e.text,
          scores: scoresOfExplanation(database, e.id).map(({ scorer, balancedAccuracy, precision, recall, f1, auc, exampleCount, failedCount, detailsJson }) => ({ scorer, balancedAccuracy, precision, recall, f1, auc, exampleCount, failedCount, detailsJson })),
        }));
      };
      expect(stored(second)).toEqual(stored(db));
      expect(stored(db).flatMap((e) => e.scores)).toHaveLength(3);
    } finally {
      second.$client.close();
    }
  });
});
