// A latent's output side for the latent page and the list's search: read from the cache's table when it was
// stored at build time; for caches built before, computed on demand from the pack's weights (one decoder row on
// the page, the whole table once in the background so a search finds every latent).
import type { ActivationCacheRow } from "@/db/activation-caches";
import { directLogitTokens } from "@/lib/core/direct-logit-tokens";
import { openSnapshotTensors } from "@/lib/formats/safetensors-snapshot";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { packModelDir } from "@/lib/packs/pack-manifest";
import {
  cachedOutputTokenTable,
  computeOutputTokenTable,
  latentsPromoting,
  OUTPUT_TOKEN_COUNT,
  readLatentOutputTokens,
  writeOutputTokenTable,
  type Unembedding,
} from "./latent-output-tokens";
import type { TokenText } from "./token-display";

export interface OutputToken {
  token: number;
  text: string;
  logit: number;
}

export interface LatentOutputSide {
  promoted: OutputToken[];
  suppressed: OutputToken[];
  /** "cache": stored when the cache was built; "on demand": computed now from the pack's weights. */
  source: "cache" | "on demand";
}

/** GPT-NeoX's direct path weights from an HF snapshot folder (a tied model unembeds with embed_in). */
export function readUnembedding(modelDir: string): Unembedding {
  const tensors = openSnapshotTensors(modelDir);
  try {
    const lnWeight = tensors.readFloat32("gpt_neox.final_layer_norm.weight");
    const embedOut = tensors.readFloat32(tensors.has("embed_out.weight") ? "embed_out.weight" : "gpt_neox.embed_in.weight");
    return { lnWeight, embedOut };
  } finally {
    tensors.close();
  }
}

const unembeddings: Map<string, Unembedding> = ((globalThis as { __rewriteUnembeddings?: Map<string, Unembedding> }).__rewriteUnembeddings ??= new Map());

function runtimeUnembedding(runtime: PackRuntime): Unembedding {
  const modelDir = packModelDir(runtime.dir, runtime.manifest);
  let hit = unembeddings.get(`${runtime.identity}:${modelDir}`);
  if (!hit) {
    hit = readUnembedding(modelDir);
    unembeddings.set(`${runtime.identity}:${modelDir}`, hit);
  }
  return hit;
}

const building = new Map<string, Promise<void>>();

/** Computes and stores the whole table of a cache built before output tokens were stored (once per process). */
export function ensureOutputTokenTable(row: ActivationCacheRow, runtime: PackRuntime): Promise<void> {
  if (cachedOutputTokenTable(row.dir) || runtime.identity !== row.packIdentity) return Promise.resolve();
  let job = building.get(row.dir);
  if (!job) {
    const coder = runtime.coder(row.hookpoint);
    job = computeOutputTokenTable(coder.weights.decoderWeight, row.numLatents, runtimeUnembedding(runtime)).then((table) => writeOutputTokenTable(row.dir, table));
    job = job.finally(() => building.delete(row.dir));
    building.set(row.dir, job);
  }
  return job;
}

/**
 * One latent's top promoted and suppressed tokens with their texts; undefined when neither the cache's table nor the
 * pack the cache was built from is at hand.
 */
export function latentOutputTokens(row: ActivationCacheRow, latent: number, text: TokenText, runtime: PackRuntime | undefined): LatentOutputSide | undefined {
  const named = (tokens: { token: number; logit: number }[]) => tokens.map((t) => ({ ...t, text: text(t.token) }));
  const stored = readLatentOutputTokens(row.dir, latent);
  if (stored) return { promoted: named(stored.promoted), suppressed: named(stored.suppressed), source: "cache" };
  if (!runtime || runtime.identity !== row.packIdentity) return undefined;
  const coder = runtime.coder(row.hookpoint);
  const d = coder.config.d_in;
  const unembedding = runtimeUnembedding(runtime);
  const computed = directLogitTokens(coder.weights.decoderWeight.subarray(latent * d, (latent + 1) * d), unembedding.lnWeight, unembedding.embedOut, OUTPUT_TOKEN_COUNT);
  // The whole table follows in the background, so the list's search finds this cache's latents too.
  ensureOutputTokenTable(row, runtime).catch(() => {});
  return { promoted: named(computed.promoted), suppressed: named(computed.suppressed), source: "on demand" };
}

/**
 * Latents of this cache whose top promoted tokens include `word` (a token's text, trimmed, case-insensitive): what
 * the /latents search can OR into its explanation match. Empty until the cache's table exists (see above).
 */
export function latentsPromotingWord(row: ActivationCacheRow, word: string, text: TokenText, depth = OUTPUT_TOKEN_COUNT): number[] {
  const table = cachedOutputTokenTable(row.dir);
  const wanted = word.trim().toLowerCase();
  if (!table || wanted.length === 0) return [];
  return latentsPromoting(table, (token) => text(token).trim().toLowerCase() === wanted, depth);
}
