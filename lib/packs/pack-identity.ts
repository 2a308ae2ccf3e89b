import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { readPackManifest } from "./pack-manifest";

// The safetensors header (names, dtypes, shapes, offsets) identifies weights without hashing gigabytes.
function safetensorsHeaderBytes(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const lengthBytes = Buffer.alloc(8);
    readSync(fd, lengthBytes, 0, 8, 0);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    const header = Buffer.alloc(Math.min(headerLength, 100_000_000));
    readSync(fd, header, 0, header.length, 8);
    return header;
  } finally {
    closeSync(fd);
  }
}

/** A short, stable identity of a pack: its manifest, configs and weight headers. Result pages record it. */
export function computePackIdentity(packDir: string): string {
  const manifest = readPackManifest(packDir);
  const hash = createHash("sha256");
  hash.update(JSON.stringify(manifest));
  const modelDir = join(packDir, manifest.model);
  hash.update(readFileSync(join(modelDir, "config.json")));
  hash.update(safetensorsHeaderBytes(join(modelDir, "model.safetensors")));
  for (const coder of manifest.coders) {
    const coderDir = join(packDir, coder.path);
    hash.update(coder.hookpoint);
    hash.update(readFileSync(join(coderDir, "cfg.json")));
    hash.update(safetensorsHeaderBytes(join(coderDir, "sae.safetensors")));
  }
  return hash.digest("hex").slice(0, 16);
}
