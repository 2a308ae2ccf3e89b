import { createHash } from "node:crypto";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { packCoderDir, packModelDir, readPackManifest, type PackManifest } from "./pack-manifest";

const SAMPLED_BLOCKS = 64;
const BLOCK_BYTES = 4096;

// The safetensors header (names, dtypes, shapes, offsets) plus evenly spaced blocks of the weights: retrained
// weights of the same shapes get a new identity, without hashing gigabytes on every request.
function hashSafetensorsFingerprint(hash: ReturnType<typeof createHash>, file: string): void {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const lengthBytes = Buffer.alloc(8);
    readSync(fd, lengthBytes, 0, 8, 0);
    const header = Buffer.alloc(Math.min(Number(lengthBytes.readBigUInt64LE(0)), 100_000_000, Math.max(0, size - 8)));
    readSync(fd, header, 0, header.length, 8);
    hash.update(header);
    const block = Buffer.alloc(BLOCK_BYTES);
    for (let i = 0; i < SAMPLED_BLOCKS; i++) {
      const offset = Math.floor(((size - BLOCK_BYTES) * i) / (SAMPLED_BLOCKS - 1));
      const read = readSync(fd, block, 0, BLOCK_BYTES, Math.max(0, offset));
      hash.update(block.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/** model.safetensors, or the shards named by model.safetensors.index.json (sorted). */
export function snapshotWeightFiles(modelDir: string): string[] {
  const single = join(modelDir, "model.safetensors");
  if (existsSync(single)) return [single];
  const weightMap = (JSON.parse(readFileSync(join(modelDir, "model.safetensors.index.json"), "utf8")) as { weight_map: Record<string, string> }).weight_map;
  return [...new Set(Object.values(weightMap))].sort().map((shard) => join(modelDir, shard));
}

/** A short, stable identity of a pack: its manifest, configs, weight headers and sampled weights. Results record it. */
export function computePackIdentity(packDir: string, manifest: PackManifest = readPackManifest(packDir)): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(manifest));
  const modelDir = packModelDir(packDir, manifest);
  hash.update(readFileSync(join(modelDir, "config.json")));
  for (const file of snapshotWeightFiles(modelDir)) hashSafetensorsFingerprint(hash, file);
  for (const coder of manifest.coders) {
    const coderDir = packCoderDir(packDir, coder);
    hash.update(coder.hookpoint);
    hash.update(readFileSync(join(coderDir, "cfg.json")));
    hashSafetensorsFingerprint(hash, join(coderDir, "sae.safetensors"));
  }
  return hash.digest("hex").slice(0, 16);
}
