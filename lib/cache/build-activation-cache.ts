// `rewrite cache` and the start-up preparation: run the encoder over the corpus contexts and store every
// non-zero latent activation (delphi stores the same triples; we group them by latent). Chunked and resumable:
// each finished chunk is on disk before the manifest names it, so a killed build continues from there.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./binary-file-io";
import { CACHE_FILES, chunkFile } from "./cache-layout";
import { readCacheManifest, sameBuildParams, totalNonZeros, writeCacheManifest, type CacheBuildParams, type CacheManifest } from "./cache-manifest";
import type { ContextSource } from "./context-source";
import { ACTIVE_THRESHOLD, checkEncodedBatch, type EncodeBatch } from "./encode-batch";
import { chunkCsrParts, LatentCsrBuilder } from "./latent-csr";
import { mergeCacheChunks } from "./merge-cache-chunks";

export interface CacheBuildProgress {
  tokensDone: number;
  totalTokens: number;
  chunksDone: number;
  numChunks: number;
}

export interface BuildActivationCacheOptions {
  /** The coder's cache folder (see activationCacheDir). */
  dir: string;
  packIdentity: string;
  hookpoint: string;
  numLatents: number;
  vocabSize: number;
  contexts: ContextSource;
  encode: EncodeBatch;
  /** What else determines the contents (corpus name, shuffle seed, …); a change restarts the build. */
  source?: Record<string, string | number | boolean>;
  /** Contexts per resumable chunk (default 256). */
  contextsPerChunk?: number;
  /** Contexts per encoder call (default 16). */
  batchSize?: number;
  /** Checked between chunks: an abort leaves every finished chunk in place for the next run. */
  signal?: AbortSignal;
  onProgress?: (progress: CacheBuildProgress) => void;
}

const UINT32_LIMIT = 2 ** 32;

function buildParams(options: BuildActivationCacheOptions): CacheBuildParams {
  const { contexts } = options;
  if (contexts.numContexts < 1) throw new Error("the corpus gave no complete context; add text or lower the context length");
  if (contexts.numContexts * contexts.contextLength >= UINT32_LIMIT) {
    throw new Error(`${contexts.numContexts * contexts.contextLength} tokens exceed the cache's uint32 token index; cache fewer tokens`);
  }
  return {
    packIdentity: options.packIdentity,
    hookpoint: options.hookpoint,
    numLatents: options.numLatents,
    contextLength: contexts.contextLength,
    numContexts: contexts.numContexts,
    contextsPerChunk: options.contextsPerChunk ?? 256,
    tokenDtype: options.vocabSize <= 65536 ? "uint16" : "int32",
    activeThreshold: ACTIVE_THRESHOLD,
    source: options.source ?? {},
  };
}

/** The stored manifest when it can be resumed; otherwise wipes the folder and starts a new one. */
function startOrResume(dir: string, params: CacheBuildParams): CacheManifest {
  const stored = readCacheManifest(dir);
  if (stored && sameBuildParams(stored, params)) return stored;
  for (const name of Object.values(CACHE_FILES)) rmSync(join(dir, name), { recursive: true, force: true });
  const manifest: CacheManifest = { format: "rewrite-activation-cache", version: 1, ...params, chunkNonZeros: [], complete: false };
  mkdirSync(join(dir, CACHE_FILES.chunkDir), { recursive: true });
  writeCacheManifest(dir, manifest);
  return manifest;
}

async function encodeChunk(options: BuildActivationCacheOptions, manifest: CacheManifest, chunk: number): Promise<number> {
  const { contexts, encode, numLatents } = options;
  const ctx = manifest.contextLength;
  const first = chunk * manifest.contextsPerChunk;
  const count = Math.min(manifest.contextsPerChunk, manifest.numContexts - first);
  const tokens = contexts.read(first, count);
  const batchSize = options.batchSize ?? 16;
  const builder = new LatentCsrBuilder(numLatents);
  for (let b = 0; b < count; b += batchSize) {
    const batch = Math.min(batchSize, count - b);
    const batchTokens = tokens.slice(b * ctx, (b + batch) * ctx);
    const encoded = await encode(batchTokens, batch, ctx);
    checkEncodedBatch(encoded, batch * ctx, numLatents);
    builder.addBatch(encoded, (first + b) * ctx);
  }
  const csr = builder.build();
  writeFileAtomic(chunkFile(options.dir, chunk, "tokens"), manifest.tokenDtype === "uint16" ? Uint16Array.from(tokens) : Int32Array.from(tokens));
  writeFileAtomic(chunkFile(options.dir, chunk, "csr"), chunkCsrParts(csr));
  return csr.positions.length;
}

/** Builds (or finishes) the cache in `options.dir`; returns its manifest, complete. A finished cache is reused. */
export async function buildActivationCache(options: BuildActivationCacheOptions): Promise<CacheManifest> {
  const params = buildParams(options);
  mkdirSync(options.dir, { recursive: true });
  const manifest = startOrResume(options.dir, params);
  if (manifest.complete) return manifest;
  const numChunks = Math.ceil(manifest.numContexts / manifest.contextsPerChunk);
  const tokensPerChunk = manifest.contextsPerChunk * manifest.contextLength;
  const totalTokens = manifest.numContexts * manifest.contextLength;
  const report = () => {
    const chunksDone = manifest.chunkNonZeros.length;
    options.onProgress?.({ tokensDone: Math.min(totalTokens, chunksDone * tokensPerChunk), totalTokens, chunksDone, numChunks });
  };
  report();
  mkdirSync(join(options.dir, CACHE_FILES.chunkDir), { recursive: true });
  for (let chunk = manifest.chunkNonZeros.length; chunk < numChunks; chunk++) {
    options.signal?.throwIfAborted();
    manifest.chunkNonZeros.push(await encodeChunk(options, manifest, chunk));
    if (totalNonZeros(manifest) >= UINT32_LIMIT) {
      throw new Error(`more than 2^32 non-zero activations: the cache's uint32 offsets cannot index them; cache fewer tokens`);
    }
    writeCacheManifest(options.dir, manifest);
    report();
  }
  options.signal?.throwIfAborted();
  mergeCacheChunks(options.dir, manifest);
  manifest.complete = true;
  writeCacheManifest(options.dir, manifest);
  rmSync(join(options.dir, CACHE_FILES.chunkDir), { recursive: true, force: true });
  return manifest;
}

