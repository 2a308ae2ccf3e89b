// A pack of tiny files for the pack tests: a manifest, a GPT-NeoX config and one transcoder, with empty
// safetensors weights (headers only). Enough to read a summary and an identity; not to run the model.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function emptySafetensors(metadata: string): Buffer {
  const header = Buffer.from(JSON.stringify({ __metadata__: { note: metadata } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header]);
}

/** Writes the pack into a new temporary folder and returns it (the caller removes it). */
export function writeTinyPack(layers: number, hookpoint: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-pack-"));
  mkdirSync(join(dir, "model"));
  mkdirSync(join(dir, "tc"));
  const manifest = { name: "tiny", model: "model", layer: 1, coders: [{ kind: "transcoder", hookpoint, path: "tc" }] };
  writeFileSync(join(dir, "pack.json"), JSON.stringify(manifest));
  const config = { model_type: "gpt_neox", vocab_size: 10, hidden_size: 8, num_hidden_layers: layers, num_attention_heads: 2, intermediate_size: 32 };
  writeFileSync(join(dir, "model", "config.json"), JSON.stringify(config));
  writeFileSync(join(dir, "model", "model.safetensors"), emptySafetensors("model"));
  writeFileSync(join(dir, "tc", "cfg.json"), JSON.stringify({ k: 4, d_in: 8, expansion_factor: 4, skip_connection: true, transcode: true }));
  writeFileSync(join(dir, "tc", "sae.safetensors"), emptySafetensors("coder"));
  return dir;
}
