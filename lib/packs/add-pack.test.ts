import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { findPackByName, listPacks } from "@/db/packs";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { writeSafetensors, type WritableTensor } from "@/lib/formats/safetensors-writer";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { addPack, type AddPackRequest } from "./add-pack";
import type { PackPathScope } from "./pack-path-scope";
import { computePackIdentity } from "./pack-identity";

const DEMO_MODEL = "packs/demo/model";
const D = 16;

let root: string;
let db: RewriteDatabase;
let dataDir: string;

/** A 2-layer, d_model 16 snapshot with the demo tokenizer, a run folder with a transcoder at layers.1.mlp, a 12-document corpus. */
function writeInputs(): Required<Pick<AddPackRequest, "model" | "corpus">> & { coderRun: string; transcoder: string } {
  const model = join(root, "model");
  writeRandomGptNeoXSnapshot(model, { ...DEMO_SHAPED_CONFIG, hidden_size: D, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32 }, 1, "BF16");
  copyFileSync(join(DEMO_MODEL, "tokenizer.json"), join(model, "tokenizer.json"));
  const coderRun = join(root, "run");
  const transcoder = join(coderRun, "layers.1.mlp");
  writeRandomSparsifyCoder(transcoder, { dIn: D, numLatents: 64, k: 4, transcode: true, skipConnection: true }, 2);
  const corpus = join(root, "corpus.jsonl");
  writeFileSync(corpus, Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: `document number ${i}` })).join("\n"));
  return { model, corpus, coderRun, transcoder };
}

/** Rewrites a safetensors file through `edit` (tensors as F32). */
function editTensors(file: string, edit: (tensors: Record<string, WritableTensor>) => void): void {
  const opened = SafetensorsFile.open(file);
  const tensors: Record<string, WritableTensor> = {};
  for (const [name, info] of opened.tensors) tensors[name] = { dtype: "F32", shape: info.shape, data: opened.readFloat32(name) };
  opened.close();
  edit(tensors);
  writeSafetensors(file, tensors);
}

function tableSnapshot() {
  return { packs: listPacks(db), folders: existsSync(join(dataDir, "packs")) ? readdirSync(join(dataDir, "packs")) : [] };
}

/** The request fails with `message` and leaves the packs table and the data dir as they were. */
async function expectRejected(request: AddPackRequest, message: RegExp, scope?: PackPathScope): Promise<void> {
  const before = tableSnapshot();
  await expect(addPack(db, request, { dataDir, now: new Date(), scope })).rejects.toThrow(message);
  expect(tableSnapshot()).toEqual(before);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "rewrite-add-pack-"));
  dataDir = join(root, "data");
  db = openDatabase(join(dataDir, "rewrite.sqlite"));
});
afterEach(() => {
  db.$client.close();
  rmSync(root, { recursive: true, force: true });
});

describe("addPack", () => {
  it("writes a pack.json of absolute paths under <data dir>/packs/<name>/ and registers it with its identity", async () => {
    const inputs = writeInputs();
    const row = await addPack(db, { name: "tiny", model: inputs.model, coders: [inputs.coderRun], corpus: inputs.corpus }, { dataDir, now: new Date("2026-11-23T00:00:00Z") });
    const packDir = join(dataDir, "packs", "tiny");
    expect(row.dir).toBe(packDir);
    expect(JSON.parse(readFileSync(join(packDir, "pack.json"), "utf8"))).toEqual({
      name: "tiny",
      model: inputs.model,
      layer: 1,
      coders: [{ kind: "transcoder", hookpoint: "layers.1.mlp", path: inputs.transcoder }],
      corpus: inputs.corpus,
      corpus_reading: "12 documents (json-lines)",
      context_length: 128, // DEMO_SHAPED_CONFIG's max_position_embeddings (128) caps the default 256
    });
    expect(row.identity).toBe(computePackIdentity(packDir));
    expect(findPackByName(db, "tiny")?.registeredAt).toBe("2026-11-23T00:00:00.000Z");
    expect(JSON.parse(row.summaryJson).coders).toEqual([{ kind: "transcoder", hookpoint: "layers.1.mlp", numLatents: 64, k: 4, skipConnection: true, dIn: D }]);
  });

  it("registers every hookpoint folder of a run folder, or only --hookpoint's", async () => {
    const inputs = writeInputs();
    writeRandomSparsifyCoder(join(inputs.coderRun, "layers.0"), { dIn: D, numLatents: 32, k: 2, transcode: false, skipConnection: false }, 3);
    const all = await addPack(db, { name: "both", model: inputs.model, coders: [inputs.coderRun] }, { dataDir, now: new Date() });
    expect(JSON.parse(all.summaryJson).coders.map((c: { hookpoint: string }) => c.hookpoint)).toEqual(["layers.0", "layers.1.mlp"]);
    const one = await addPack(db, { name: "one", model: inputs.model, coders: [inputs.coderRun], hookpoint: "layers.0" }, { dataDir, now: new Date() });
    expect(JSON.parse(one.summaryJson).coders).toEqual([{ kind: "sae", hookpoint: "layers.0", numLatents: 32, k: 2, skipConnection: false, dIn: D }]);
    expect(JSON.parse(one.summaryJson).layer).toBe(0);
  });

  it("reads a snapshot sharded as model.safetensors.index.json names it, and says which tensor the index lacks", async () => {
    const inputs = writeInputs();
    const single = join(inputs.model, "model.safetensors");
    const weightMap: Record<string, string> = {};
    const shards: Record<string, WritableTensor>[] = [{}, {}];
    editTensors(single, (tensors) =>
      Object.entries(tensors).forEach(([name, tensor], i) => {
        shards[i % 2][name] = tensor;
        weightMap[name] = `model-0000${(i % 2) + 1}-of-00002.safetensors`;
      }),
    );
    rmSync(single);
    shards.forEach((tensors, i) => writeSafetensors(join(inputs.model, `model-0000${i + 1}-of-00002.safetensors`), tensors));
    writeFileSync(join(inputs.model, "model.safetensors.index.json"), JSON.stringify({ metadata: {}, weight_map: weightMap }));
    expect((await addPack(db, { name: "sharded", model: inputs.model, coders: [inputs.coderRun] }, { dataDir, now: new Date() })).identity).toMatch(/^[0-9a-f]{16}$/);
    const lastShard = join(inputs.model, "model-00002-of-00002.safetensors");
    editTensors(lastShard, (t) => delete t["embed_out.weight"]);
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /model\.safetensors\.index\.json: has no tensor "embed_out\.weight"/);
  });

  it("rejects a model tensor that is missing, naming the file and the tensor", async () => {
    const inputs = writeInputs();
    editTensors(join(inputs.model, "model.safetensors"), (t) => delete t["gpt_neox.layers.1.mlp.dense_4h_to_h.bias"]);
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /model\.safetensors: has no tensor "gpt_neox\.layers\.1\.mlp\.dense_4h_to_h\.bias" \(expected shape \[16\]\)/);
  });

  it("rejects a model tensor of the wrong shape, expected vs found", async () => {
    const inputs = writeInputs();
    editTensors(join(inputs.model, "model.safetensors"), (t) => {
      t["gpt_neox.layers.0.attention.dense.weight"] = { dtype: "F32", shape: [D, 8], data: new Float32Array(D * 8) };
    });
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /tensor "gpt_neox\.layers\.0\.attention\.dense\.weight" has shape \[16, 8\] but \[16, 16\] was expected/);
  });

  it("rejects a coder tensor of the wrong shape (num_latents disagreeing with the weights)", async () => {
    const inputs = writeInputs();
    editTensors(join(inputs.transcoder, "sae.safetensors"), (t) => {
      t.W_dec = { dtype: "F32", shape: [32, D], data: new Float32Array(32 * D) };
    });
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /layers\.1\.mlp\/sae\.safetensors: tensor "W_dec" has shape \[32, 16\] but \[64, 16\] was expected/);
  });

  it("rejects a coder whose d_in is not the model's hidden_size", async () => {
    const inputs = writeInputs();
    rmSync(inputs.transcoder, { recursive: true });
    writeRandomSparsifyCoder(inputs.transcoder, { dIn: 24, numLatents: 64, k: 4, transcode: true, skipConnection: true }, 2);
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /layers\.1\.mlp\/cfg\.json: d_in is 24 but the model's hidden_size is 16/);
  });

  it("rejects a hookpoint the model does not have, and a --hookpoint the run folder does not hold", async () => {
    const inputs = writeInputs();
    const beyond = join(root, "run2", "layers.2.mlp");
    mkdirSync(join(root, "run2"));
    writeRandomSparsifyCoder(beyond, { dIn: D, numLatents: 64, k: 4, transcode: true, skipConnection: false }, 4);
    await expectRejected({ name: "x", model: inputs.model, coders: [beyond] }, /"layers\.2\.mlp" names layer 2 but the model has 2 layers \(0–1\)/);
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun], hookpoint: "layers.0.mlp" }, /has no coder for --hookpoint layers\.0\.mlp; it has layers\.1\.mlp/);
  });

  it("rejects a truncated safetensors file", async () => {
    const inputs = writeInputs();
    const file = join(inputs.model, "model.safetensors");
    truncateSync(file, statSync(file).size - 100);
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /model\.safetensors: tensor "[^"]+" ends at data byte \d+ but the file has only \d+ data bytes: the file is truncated/);
  });

  it("rejects a snapshot without tokenizer.json, a corpus too small to hold out a document, and a taken name", async () => {
    const inputs = writeInputs();
    const small = join(root, "small.jsonl");
    writeFileSync(small, '{"text": "only one"}\n');
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun], corpus: small }, /small\.jsonl: holds 1 documents \(json-lines\); every 10th is held out/);
    await expectRejected({ name: "demo", model: inputs.model, coders: [inputs.coderRun] }, /a pack named "demo" is already registered/);
    await expectRejected({ name: "bad name", model: inputs.model, coders: [inputs.coderRun] }, /pack name "bad name" must be/);
    rmSync(join(inputs.model, "tokenizer.json"));
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /tokenizer\.json: is missing/);
  });
});

describe("addPack from the browser, confined to REWRITE_PACK_ROOTS", () => {
  const limits = { maxEntries: 1000, maxBytes: 1_000_000 };

  it("adds folders under a root, and refuses the same folders when they are not under one", async () => {
    const inputs = writeInputs();
    const row = await addPack(db, { name: "inside", model: inputs.model, coders: [inputs.coderRun] }, { dataDir, now: new Date(), scope: { roots: [root], limits } });
    expect(JSON.parse(readFileSync(join(row.dir, "pack.json"), "utf8")).model).toBe(inputs.model);
    await expectRejected({ name: "outside", model: inputs.model, coders: [inputs.coderRun] }, /model is not under a folder the server may read for the browser/, { roots: [dataDir], limits });
  });

  it("refuses a corpus folder holding a link out of it, or more than the walk may read, with the reason", async () => {
    const inputs = writeInputs();
    const corpus = join(root, "corpus");
    mkdirSync(corpus);
    for (let i = 0; i < 12; i++) writeFileSync(join(corpus, `${i}.txt`), `document ${i}`);
    const request = { name: "x", model: inputs.model, coders: [inputs.coderRun], corpus };
    await expectRejected(request, /corpus: holds more than 5 entries/, { roots: [root], limits: { maxEntries: 5, maxBytes: 1000 } });
    await expectRejected(request, /corpus: holds more than 50 bytes of files to read/, { roots: [root], limits: { maxEntries: 100, maxBytes: 50 } });
    symlinkSync("/etc/hostname", join(corpus, "host.txt"));
    await expectRejected(request, /corpus: host\.txt is a link that leads out of the folder or nowhere/, { roots: [root], limits });
  });

  it("refuses a shard index that names a file outside the snapshot folder", async () => {
    const inputs = writeInputs();
    rmSync(join(inputs.model, "model.safetensors"));
    writeFileSync(join(inputs.model, "model.safetensors.index.json"), JSON.stringify({ weight_map: { "gpt_neox.embed_in.weight": "../../../etc/passwd" } }));
    await expectRejected({ name: "x", model: inputs.model, coders: [inputs.coderRun] }, /model\.safetensors\.index\.json: names a shard that is not a file beside it/);
  });
});
