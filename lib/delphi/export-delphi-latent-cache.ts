// A Rewrite cache → delphi's latent folder: `<start>_<end>.safetensors` per latent range (locations uint16 when
// every column fits, else uint32, as delphi's save_splits chooses; activations f16 like delphi's, or f32 to keep
// every bit; the full tokens in each file) plus the config.json its LatentDataset requires.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ActivationCache } from "@/lib/cache/activation-cache";
import { writeSafetensors, type WritableTensor } from "@/lib/formats/safetensors-writer";
import { DELPHI_CACHE_CONFIG, delphiLatentRanges, latentFileName, type LatentRange } from "./delphi-layout";

export type ExportActivationDtype = "F16" | "F32";

export interface DelphiCacheExportOptions {
  /** Latent ranges, delphi's n_splits (default 5). */
  splits: number;
  activationDtype: ExportActivationDtype;
  /** delphi's loader loads the tokenizer from model_name: an HF id or a local snapshot folder. */
  modelName: string;
  /** Where the contexts came from, for config.json's dataset_repo. */
  datasetName: string;
  /** Awaited after each file (lets a stop signal through). */
  betweenFiles?: () => Promise<void>;
}

const F16_MAX = 65504;

function rangeTensors(cache: ActivationCache, range: LatentRange, dtype: ExportActivationDtype): Record<string, WritableTensor> {
  const ctx = cache.manifest.contextLength;
  const count = cache.offsets[range.end + 1] - cache.offsets[range.start];
  const locations = new Uint32Array(3 * count);
  const activations = new Float32Array(count);
  let row = 0;
  for (let latent = range.start; latent <= range.end; latent++) {
    const { positions, values } = cache.latentActivations(latent);
    for (let i = 0; i < positions.length; i++, row++) {
      if (dtype === "F16" && Math.abs(values[i]) > F16_MAX) {
        throw new Error(`latent ${latent} has activation ${values[i]}, beyond float16's ±${F16_MAX}; export with float32 activations instead`);
      }
      locations.set([Math.floor(positions[i] / ctx), positions[i] % ctx, latent - range.start], 3 * row);
      activations[row] = values[i];
    }
  }
  const narrow = locations.every((v) => v < 2 ** 16);
  return {
    locations: narrow ? { dtype: "U16", shape: [count, 3], data: Uint16Array.from(locations) } : { dtype: "U32", shape: [count, 3], data: locations },
    activations: { dtype, shape: [count], data: activations },
  };
}

/** Writes the cache's latent files into `moduleDir` (delphi's latents/<hookpoint>); returns their paths. */
export async function exportDelphiLatentCache(cache: ActivationCache, moduleDir: string, options: DelphiCacheExportOptions): Promise<string[]> {
  const { numContexts, contextLength, numLatents } = cache.manifest;
  mkdirSync(moduleDir, { recursive: true });
  const tokenIds = cache.readTokens(0, cache.numTokens);
  const tokens: WritableTensor = { dtype: "I64", shape: [numContexts, contextLength], data: BigInt64Array.from(tokenIds, (id) => BigInt(id)) };
  const files: string[] = [];
  for (const range of delphiLatentRanges(numLatents, options.splits)) {
    await options.betweenFiles?.();
    const path = join(moduleDir, latentFileName(range));
    writeSafetensors(path, { ...rangeTensors(cache, range, options.activationDtype), tokens });
    files.push(path);
  }
  const config = {
    dataset_repo: options.datasetName,
    dataset_split: "train",
    dataset_name: "",
    dataset_column: "text",
    batch_size: 1,
    cache_ctx_len: contextLength,
    n_tokens: cache.numTokens,
    n_splits: options.splits,
    model_name: options.modelName,
  };
  writeFileSync(join(moduleDir, DELPHI_CACHE_CONFIG), `${JSON.stringify(config, null, 4)}\n`);
  return files;
}
