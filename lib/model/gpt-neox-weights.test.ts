import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { encodeSafetensors } from "@/lib/formats/safetensors-writer";
import { formatErrorMessage } from "./fixtures/expectations";
import { readGptNeoXWeights } from "./gpt-neox-weights";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot } from "@/lib/model/testing/random-snapshot";

const TINY = { ...DEMO_SHAPED_CONFIG, vocab_size: 32, hidden_size: 16, num_attention_heads: 2, intermediate_size: 16, num_hidden_layers: 2, max_position_embeddings: 8 };
const root = mkdtempSync(join(tmpdir(), "neox-weights-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function snapshot(edit?: (dir: string) => void): string {
  const dir = join(root, `s${count++}`);
  writeRandomGptNeoXSnapshot(dir, TINY, 5);
  edit?.(dir);
  return dir;
}

function editConfig(dir: string, change: Record<string, unknown>): void {
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...change }));
}

/** Rewrites model.safetensors keeping every tensor but `drop`, F32 as stored. */
function rewriteWeights(dir: string, drop: string): void {
  const path = join(dir, "model.safetensors");
  const file = SafetensorsFile.open(path);
  const kept = Object.fromEntries(file.names().filter((n) => n !== drop).map((n) => [n, { dtype: "F32" as const, shape: file.info(n).shape, data: file.readFloat32(n) }]));
  file.close();
  writeFileSync(path, encodeSafetensors(kept));
}

const loadError = (dir: string) => formatErrorMessage(() => readGptNeoXWeights(dir));

describe("readGptNeoXWeights", () => {
  it("loads every tensor of an HF GPT-NeoX snapshot with its config", () => {
    const weights = readGptNeoXWeights(snapshot());
    expect(weights.layers).toHaveLength(2);
    expect(weights.layers[1].qkvWeight).toHaveLength(3 * 16 * 16);
    expect(weights.embedOut).toHaveLength(32 * 16);
    expect(weights.config.rotaryDims).toBe(2);
  });

  it("rejects a model_type other than gpt_neox", () => {
    expect(loadError(snapshot((dir) => editConfig(dir, { model_type: "llama" })))).toMatch(/model_type must be "gpt_neox" \(found "llama"\)/);
  });

  it("rejects an odd number of rotary dims", () => {
    expect(loadError(snapshot((dir) => editConfig(dir, { rotary_pct: 0.125 })))).toMatch(/gives 1 rotary dims; it must be even/);
  });

  it("rejects the sequential residual it does not implement", () => {
    expect(loadError(snapshot((dir) => editConfig(dir, { use_parallel_residual: false })))).toMatch(/use_parallel_residual: false is not supported/);
  });

  it("names a missing tensor", () => {
    expect(loadError(snapshot((dir) => rewriteWeights(dir, "gpt_neox.layers.1.attention.dense.bias")))).toMatch(/has no tensor "gpt_neox.layers.1.attention.dense.bias"/);
  });

  it("reports weights whose shape disagrees with config.json", () => {
    expect(loadError(snapshot((dir) => editConfig(dir, { intermediate_size: 12 })))).toMatch(/"gpt_neox.layers.0.mlp.dense_h_to_4h.weight" has shape \[16, 16\] but \[12, 16\] was expected/);
  });

  it("reads sharded snapshots through model.safetensors.index.json", () => {
    const dir = snapshot((d) => {
      renameSync(join(d, "model.safetensors"), join(d, "model-00001-of-00001.safetensors"));
      const names = SafetensorsFile.open(join(d, "model-00001-of-00001.safetensors")).names();
      writeFileSync(join(d, "model.safetensors.index.json"), JSON.stringify({ weight_map: Object.fromEntries(names.map((n) => [n, "model-00001-of-00001.safetensors"])) }));
    });
    expect(readGptNeoXWeights(dir).finalLnBias).toHaveLength(16);
  });

  it("says what to do when there are no safetensors weights", () => {
    expect(loadError(snapshot((dir) => rmSync(join(dir, "model.safetensors"))))).toMatch(/only safetensors weights are read/);
  });
});
