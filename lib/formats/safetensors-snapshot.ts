import { existsSync } from "node:fs";
import { join } from "node:path";
import { FormatError } from "./format-error";
import { readJsonFile } from "./hf-config";
import { SafetensorsFile } from "./safetensors";

// An HF snapshot's weights: one `model.safetensors`, or shards listed in `model.safetensors.index.json`
// (`weight_map`: tensor name → shard file), read through one interface.

export interface TensorSource {
  has(name: string): boolean;
  readFloat32(name: string, expectedShape?: readonly number[]): Float32Array;
  close(): void;
}

const SINGLE_FILE = "model.safetensors";
const INDEX_FILE = "model.safetensors.index.json";

export function openSnapshotTensors(modelDir: string): TensorSource {
  const single = join(modelDir, SINGLE_FILE);
  if (existsSync(single)) return SafetensorsFile.open(single);
  const indexPath = join(modelDir, INDEX_FILE);
  if (!existsSync(indexPath)) {
    throw new FormatError(modelDir, `has neither ${SINGLE_FILE} nor ${INDEX_FILE}; only safetensors weights are read (convert pytorch_model.bin first)`);
  }
  const weightMap = (readJsonFile(indexPath) as { weight_map?: Record<string, string> }).weight_map;
  if (!weightMap || typeof weightMap !== "object") throw new FormatError(indexPath, "has no weight_map object");
  const shards = new Map<string, SafetensorsFile>();
  const shardFor = (name: string): SafetensorsFile => {
    const shardName = weightMap[name];
    if (!shardName) throw new FormatError(indexPath, `weight_map has no tensor "${name}"`);
    let shard = shards.get(shardName);
    if (!shard) {
      shard = SafetensorsFile.open(join(modelDir, shardName));
      shards.set(shardName, shard);
    }
    return shard;
  };
  return {
    has: (name) => name in weightMap,
    readFloat32: (name, expectedShape) => shardFor(name).readFloat32(name, expectedShape),
    close: () => shards.forEach((shard) => shard.close()),
  };
}
