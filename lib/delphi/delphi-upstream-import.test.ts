import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findActivationCache } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { addExplanation, currentExplanations, explanationHistory } from "@/db/explanations";
import { activationCacheDir } from "@/lib/cache/cache-layout";
import type { DelphiTarget } from "./delphi-target";
import { importDelphiResults, type ImportDelphiOptions } from "./import-delphi-results";
import { writeDelphiExplanation, writeDelphiLatents, writeDelphiScore, type DelphiActivation, type DelphiClassifierOutput } from "./testing/delphi-run-writer";

// delphi names modules by their path in the HF model (gpt_neox.layers.2.mlp); Rewrite's coder is layers.2.mlp.
const MODULE = "gpt_neox.layers.2.mlp";
const HOOKPOINT = "layers.2.mlp";
const target: DelphiTarget = { packIdentity: "upstream-pack", packName: "upstream", vocabSize: 100, coders: [{ hookpoint: HOOKPOINT, kind: "transcoder", numLatents: 10 }] };

let dir: string;
let db: RewriteDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-delphi-upstream-"));
  db = openDatabase(join(dir, "data", "rewrite.sqlite"));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 4 contexts of 40 tokens without end-of-text ids (delphi's filter_bos), latent l firing at a few tokens. */
function writeLatents(run: string, shift = 0): void {
  const tokens = Array.from({ length: 4 }, (_, s) => Array.from({ length: 40 }, (_, p) => 1 + ((s * 40 + p + shift) % 99)));
  const activations: DelphiActivation[] = [];
  for (let latent = 0; latent < 10; latent++) {
    for (let s = 0; s < 4; s++) activations.push({ sequence: s, position: (latent * 3 + s * 7 + shift) % 40, latent, value: 0.5 + latent + s / 4 });
  }
  writeDelphiLatents(join(run, "latents", MODULE), { tokens, activations, width: 10 });
}

const answered = (prediction: boolean | null): DelphiClassifierOutput[] =>
  [true, true, false, false].map((activating, i) => ({
    str_tokens: [" a", " b"],
    activations: activating ? [0, 1.5] : [0, 0],
    distance: activating ? i : -1,
    activating,
    prediction: prediction === null ? null : i % 2 === 0 ? prediction : !prediction,
    probability: null,
    correct: prediction === null ? null : (i % 2 === 0 ? prediction : !prediction) === activating,
  }));

const run = (options: Partial<ImportDelphiOptions> & { dir: string }) => importDelphiResults(db, { target, dataDir: join(dir, "data"), ...options });

describe("a delphi run as delphi writes it", () => {
  it("imports gpt_neox.* folders and files, and lists every stray, empty or unsupported entry instead of stopping", async () => {
    const root = join(dir, "run");
    writeLatents(root);
    mkdirSync(join(root, "latents", "gpt_neox.embed_in"));
    writeFileSync(join(root, "latents", ".DS_Store"), "");
    writeDelphiExplanation(root, MODULE, 1, "Opening brackets");
    writeDelphiExplanation(root, MODULE, 2, "");
    writeDelphiExplanation(root, MODULE, 3, "Explanation could not be parsed.");
    writeFileSync(join(root, "explanations", ".DS_Store"), "\0\0\0\x01Bud1");
    writeDelphiScore(root, "detection", MODULE, 1, answered(true));
    writeDelphiScore(root, "detection", MODULE, 2, answered(true));
    writeDelphiScore(root, "fuzz", MODULE, 1, answered(null));
    writeFileSync(join(root, "scores", "detection", ".DS_Store"), "");
    // What an import killed mid-way (Ctrl-C escalated to SIGKILL) leaves beside the cache folder.
    const leftover = `${activationCacheDir(join(dir, "data"), "upstream-pack", HOOKPOINT)}.delphi-import-999999999`;
    mkdirSync(leftover, { recursive: true });

    const result = await run({ dir: root, hookpoints: [MODULE] });
    expect(existsSync(leftover)).toBe(false);
    expect(result.caches).toEqual([expect.objectContaining({ hookpoint: HOOKPOINT, numContexts: 4, contextLength: 40, nonZeros: 40, files: 5 })]);
    expect(result).toMatchObject({ explanations: { added: 1, unchanged: 0 }, scores: 2 });
    const at = (...parts: string[]) => join(root, ...parts);
    expect(result.skipped).toEqual([
      { file: at("latents", ".DS_Store"), reason: "not a hookpoint folder" },
      { file: at("latents", "gpt_neox.embed_in"), reason: expect.stringMatching(/^"gpt_neox\.embed_in" is not a hookpoint Rewrite reads \(layers\.N\.mlp, layers\.N/) },
      { file: at("explanations", ".DS_Store"), reason: expect.stringMatching(/^not a <hookpoint>_latent<index>\.txt file/) },
      { file: at("explanations", `${MODULE}_latent2.txt`), reason: expect.stringMatching(/^empty explanation \(delphi writes "" when/) },
      { file: at("explanations", `${MODULE}_latent3.txt`), reason: expect.stringMatching(/^delphi's placeholder "Explanation could not be parsed\."/) },
      { file: at("scores", "detection", ".DS_Store"), reason: expect.stringMatching(/^not a <hookpoint>_latent<index>\.txt file/) },
      { file: at("scores", "detection", `${MODULE}_latent2.txt`), reason: expect.stringMatching(/^its latent has no imported explanation/) },
    ]);
    const cacheId = findActivationCache(db, "upstream-pack", HOOKPOINT)!.id;
    const current = currentExplanations(db, cacheId);
    expect([...current.keys()]).toEqual([1]);
    const scores = scoresOfExplanation(db, current.get(1)!.id);
    // Detection: predictions 1, 0, 1, 0 for classes 1, 1, 0, 0 → TPR 1/2, TNR 1/2. Fuzzing: no answers → delphi's 0.
    expect(scores.find((s) => s.scorer === "detection")).toMatchObject({ balancedAccuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, auc: null, exampleCount: 4, failedCount: 0 });
    expect(scores.find((s) => s.scorer === "fuzzing")).toMatchObject({ balancedAccuracy: 0, precision: 0, recall: 0, f1: 0, auc: null, exampleCount: 4, failedCount: 4 });
  });

  it("keeps another current explanation current unless asked, and says so", async () => {
    const first = join(dir, "first");
    writeLatents(first);
    writeDelphiExplanation(first, MODULE, 1, "Opening brackets");
    await run({ dir: first });
    const cacheId = findActivationCache(db, "upstream-pack", HOOKPOINT)!.id;
    addExplanation(db, { cacheId, latent: 1, text: "Brackets that open a list", sourceKind: "user", sourceDetail: null }, new Date());

    const second = join(dir, "second");
    writeDelphiExplanation(second, MODULE, 1, "Opening brackets");
    writeDelphiExplanation(second, MODULE, 4, "Commas");
    writeDelphiScore(second, "detection", MODULE, 1, answered(true));
    const kept = await run({ dir: second });
    expect(kept.explanations).toEqual({ added: 1, unchanged: 1, keptCurrent: { user: 1 }, madeCurrent: 0 });
    expect(currentExplanations(db, cacheId).get(1)?.text).toBe("Brackets that open a list");
    expect(currentExplanations(db, cacheId).get(4)?.text).toBe("Commas");
    expect(explanationHistory(db, cacheId, 1).map((e) => e.text)).toEqual(["Brackets that open a list", "Opening brackets"]);

    const made = await run({ dir: second, makeCurrent: true });
    expect(made.explanations).toEqual({ added: 0, unchanged: 2, keptCurrent: {}, madeCurrent: 1 });
    const now = currentExplanations(db, cacheId).get(1)!;
    expect(now).toMatchObject({ text: "Opening brackets", sourceKind: "delphi-import" });
    expect(scoresOfExplanation(db, now.id).map((s) => s.scorer)).toEqual(["detection"]);
    expect(explanationHistory(db, cacheId, 1)).toHaveLength(2);
  });

  it("treats other contexts of the same shape as a new cache, whose old explanations go with the old one", async () => {
    const first = join(dir, "first");
    writeLatents(first);
    writeDelphiExplanation(first, MODULE, 1, "Opening brackets");
    const before = await run({ dir: first });
    // Same counts (every latent fires 4 times in 4 × 40 tokens), other tokens and places: a TopK cache of another corpus.
    const second = join(dir, "second");
    writeLatents(second, 5);
    const after = await run({ dir: second });
    expect(after.caches[0].nonZeros).toBe(before.caches[0].nonZeros);
    expect(after.caches[0].replaced).toEqual({ cacheId: before.caches[0].cacheId, explanations: 1 });
    expect(currentExplanations(db, after.caches[0].cacheId).size).toBe(0);
  });
});
