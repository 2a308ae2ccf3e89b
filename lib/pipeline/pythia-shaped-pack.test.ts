import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { findPackByName, listPacks } from "@/db/packs";
import { readCorpusSplit } from "@/lib/corpus/pack-corpus";
import { rewriteEvaluationConfig } from "@/lib/evaluate";
import { evaluationStageSettings } from "@/lib/evaluate";
import { evaluationRunExtras } from "@/lib/evaluate";
import { figure3Table } from "@/lib/evaluate";
import { runPrepare } from "@/lib/pipeline/prepare-pipeline";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { loadPackRuntime, type PackRuntime } from "@/lib/runtime/pack-runtime";
import { addPack } from "@/lib/packs/add-pack";
import { PYTHIA_TRANSCODER, writePythiaShapedInputs } from "@/lib/packs/testing/pythia-shaped-inputs";

// The path of a user's own model, end to end, on random weights in Pythia-160M's exact config, tensor names and
// shapes (bf16) with a bf16 sparsify transcoder (k = 32, skip) at layers.6.mlp: `pack add` → cache → statistical
// explanations → lexical scores and simulation → calibration → Fig. 3, through runPrepare as on the demo pack.
// Reduced width: 2,048 latents instead of the paper's 32,768, because the decoder-neighbour pass of the cache
// summaries is all-pairs (32K latents take ~25 min on this machine; the README's timing run uses the full width).
const NUM_LATENTS = 2048;
const CONTEXT_LENGTH = 128;
const CACHE_TOKENS = 32 * CONTEXT_LENGTH;
const PROMPT_LENGTH = 32;

describe("a Pythia-160M-shaped pack with a 2,048-latent transcoder (reduced from 32,768), added and evaluated", { timeout: 900_000 }, () => {
  let root: string;
  let db: RewriteDatabase;
  let runtime: PackRuntime | undefined;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "rewrite-pythia-"));
    db = openDatabase(join(root, "data", "rewrite.sqlite"));
  });
  afterAll(async () => {
    await runtime?.release();
    db?.$client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("registers the snapshot, caches it, and stores a Figure-3 run from its own JSON-lines corpus", async () => {
    const inputs = writePythiaShapedInputs(join(root, "inputs"), { numLatents: NUM_LATENTS, corpusChars: 60_000 });
    const weights = SafetensorsFile.open(join(inputs.modelDir, "model.safetensors"));
    expect(weights.info("gpt_neox.layers.11.mlp.dense_4h_to_h.weight").dtype).toBe("BF16");
    expect(weights.names()).toHaveLength(1 + 12 * 12 + 2 + 1);
    weights.close();

    const dataDir = join(root, "data");
    const row = await addPack(db, { name: "pythia-160m-l6", model: inputs.modelDir, coders: [inputs.coderRunDir], corpus: inputs.corpusFile, contextLength: CONTEXT_LENGTH }, { dataDir, now: new Date() });
    expect(listPacks(db).map((p) => p.name)).toEqual(["pythia-160m-l6"]);
    expect(JSON.parse(row.summaryJson)).toMatchObject({
      model: { layers: 12, dModel: 768, heads: 12, vocabSize: 50304, rotaryPct: 0.25 },
      layer: 6,
      coders: [{ kind: "transcoder", hookpoint: PYTHIA_TRANSCODER.hookpoint, numLatents: NUM_LATENTS, k: 32, skipConnection: true, dIn: 768 }],
    });

    runtime = loadPackRuntime(row.dir);
    const settings = {
      ...evaluationStageSettings(3, { promptCount: 16, promptLength: PROMPT_LENGTH, windowLength: 16, calibrationContextCount: 64, calibrationTargets: ["cache" as const], sampleSizes: [] }),
      evaluation: rewriteEvaluationConfig(3, { bootstrapResamples: 50, randomDraws: 1 }),
    };
    const result = await runPrepare({
      db,
      dataDir,
      packDir: row.dir,
      loadRuntime: () => runtime!,
      hookpoint: PYTHIA_TRANSCODER.hookpoint,
      numTokens: CACHE_TOKENS,
      seed: 0,
      scoringExamplesPerClass: 4,
      settings,
    });
    expect(result.explained).toBeGreaterThan(0);
    expect(result.simulator).toEqual({ id: "lexical-baseline", kind: "baseline" });

    const stored = await new SqliteEvaluationRunStore(db).load(String(result.runs.get("cache")));
    expect(stored?.inputRefs).toMatchObject({ packIdentity: findPackByName(db, "pythia-160m-l6")?.identity, cacheTokens: String(CACHE_TOKENS), coderKind: "transcoder" });
    const table = figure3Table(stored!.result);
    expect(table.promptCount).toBe(16);
    for (const tableRow of table.rows) for (const cell of tableRow.cells) expect(Number.isFinite(cell?.estimate)).toBe(true);
    // The held-out prompts came from every tenth line of the JSON-lines file: its chunks of 33 tokens, counted here
    // from the same lines tokenized directly (end-of-text before each).
    const heldout = readCorpusSplit(inputs.corpusFile, "heldout", { separatorId: runtime.tokenizer.idOf("<|endoftext|>")! }) as string[];
    const heldoutTokens = heldout.reduce((n, text) => n + 1 + runtime!.tokenizer.encode(text).length, 0);
    expect(evaluationRunExtras(stored!.result)?.heldoutChunkCount).toBe(Math.floor(heldoutTokens / (PROMPT_LENGTH + 1)));
  });
});
