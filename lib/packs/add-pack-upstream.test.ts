import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { readCorpusSplit } from "@/lib/corpus/pack-corpus";
import { writeSafetensors } from "@/lib/formats/safetensors-writer";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { addPack, type AddPackRequest } from "./add-pack";

// Inputs as sparsify and delphi leave them: a run trained with several seeds (<hookpoint>/seed<N>/), a cfg.json
// without k, and delphi's cache tokens ([n_seq, ctx] int64 with <|endoftext|> filtered out).
const D = 16;
let root: string;
let db: RewriteDatabase;
let model: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "rewrite-add-pack-upstream-"));
  db = openDatabase(join(root, "data", "rewrite.sqlite"));
  model = join(root, "model");
  writeRandomGptNeoXSnapshot(model, { ...DEMO_SHAPED_CONFIG, hidden_size: D, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32 }, 1, "BF16");
  copyFileSync(join("packs/demo/model", "tokenizer.json"), join(model, "tokenizer.json"));
});
afterEach(() => {
  db.$client.close();
  rmSync(root, { recursive: true, force: true });
});

const add = (request: Omit<AddPackRequest, "model">) => addPack(db, { model, ...request }, { dataDir: join(root, "data"), now: new Date() });
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "pack.json"), "utf8"));

/** sparsify's Trainer with init_seeds [0, 1, 2]: `<run>/<hookpoint>/seed<N>/`. */
function multiSeedRun(): string {
  const run = join(root, "run");
  for (const seed of [2, 0, 1]) writeRandomSparsifyCoder(join(run, "layers.1.mlp", `seed${seed}`), { dIn: D, numLatents: 64, k: 4, transcode: true, skipConnection: true }, seed + 10);
  return run;
}

/** delphi's populate_cache tokens after filter_bos: ids 1…, no 0, cut into rows of `ctx`. */
function delphiTokens(rows: number, ctx: number): string {
  const file = join(root, "0_63.safetensors");
  writeSafetensors(file, { tokens: { dtype: "I64", shape: [rows, ctx], data: BigInt64Array.from({ length: rows * ctx }, (_, i) => BigInt(1 + (i % 500))) } });
  return file;
}

describe("pack add with sparsify's and delphi's own files", () => {
  it("finds a multi-seed run's seed folders, takes the lowest seed unless --seed says otherwise, and says which", async () => {
    const run = multiSeedRun();
    const first = await add({ name: "first", coders: [run] });
    expect(manifestOf(first.dir).coders).toEqual([{ kind: "transcoder", hookpoint: "layers.1.mlp", path: join(run, "layers.1.mlp", "seed0") }]);
    expect(first.notes).toEqual([`layers.1.mlp: seed 0 of sparsify's seeds 0, 1, 2 (${join(run, "layers.1.mlp", "seed0")}; choose another with --seed)`]);
    const second = await add({ name: "second", coders: [join(run, "layers.1.mlp")], seed: 2 });
    expect(manifestOf(second.dir).coders[0].path).toBe(join(run, "layers.1.mlp", "seed2"));
    await expect(add({ name: "third", coders: [run], seed: 5 })).rejects.toThrow(/layers\.1\.mlp: holds sparsify's seed folders seed0, seed1, seed2; --seed 5 is not one of them/);
  });

  it("gives a cfg.json without k sparsify's default k = 32", async () => {
    const coder = join(root, "old", "layers.1.mlp");
    writeRandomSparsifyCoder(coder, { dIn: D, numLatents: 64, k: 4, transcode: true, skipConnection: false }, 3);
    const { k: _k, ...cfg } = JSON.parse(readFileSync(join(coder, "cfg.json"), "utf8"));
    writeFileSync(join(coder, "cfg.json"), JSON.stringify(cfg));
    const row = await add({ name: "no-k", coders: [coder] });
    expect(JSON.parse(row.summaryJson).coders[0]).toMatchObject({ hookpoint: "layers.1.mlp", k: 32 });
  });

  it("reads delphi's separator-free [n_seq, ctx] tokens one context per row, records that reading and takes ctx as the context length", async () => {
    const run = multiSeedRun();
    const tokens = delphiTokens(20, 16);
    const row = await add({ name: "rows", coders: [run], corpus: tokens });
    const reading = "token ids [20, 16] without end-of-text ids (delphi's cache tokens): each row one context of 16 tokens";
    expect(row.notes).toContain(`corpus: ${reading}`);
    expect(manifestOf(row.dir)).toMatchObject({ corpus: tokens, corpus_reading: reading, context_length: 16 });
    // Rows 9 and 19 are held out; each comes back whole.
    const heldout = readCorpusSplit(tokens, "heldout", { separatorId: 0 });
    expect(heldout.map((r) => Array.from(r as Int32Array).slice(0, 2))).toEqual([
      [1 + 9 * 16, 2 + 9 * 16],
      [1 + 19 * 16, 2 + 19 * 16],
    ]);
    expect(manifestOf((await add({ name: "half", coders: [run], corpus: tokens, contextLength: 8 })).dir).context_length).toBe(8);
    await expect(add({ name: "straddling", coders: [run], corpus: tokens, contextLength: 5 })).rejects.toThrow(/read as rows of 16 tokens, one context each; the context length 5 must divide 16/);
  });

  it("still reads a stream without end-of-text ids as one document, and says why that is too few", async () => {
    const run = multiSeedRun();
    const stream = join(root, "stream.safetensors");
    writeSafetensors(stream, { input_ids: { dtype: "I32", shape: [320], data: Int32Array.from({ length: 320 }, (_, i) => 1 + i) } });
    await expect(add({ name: "stream", coders: [run], corpus: stream })).rejects.toThrow(
      /holds token ids cut at the end-of-text id 0 into 1 documents; every 10th is held out .* read one context per row only as a 2-D \[n_seq, ctx\] tensor/,
    );
  });
});
