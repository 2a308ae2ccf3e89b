// The cache stage end to end, shared by `rewrite cache` and the start-up preparation: corpus → contexts →
// encoder → binary cache → per-latent summaries in SQLite. Every step resumes where a killed run stopped.
import { createHash } from "node:crypto";
import { recordActivationCache, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { createSeededRng, shuffleInPlace } from "@/lib/core/seeded-rng";
import { corpusContexts } from "@/lib/corpus/corpus-contexts";
import { corpusFingerprint, documentTokenizer, readCorpusSplit } from "@/lib/corpus/pack-corpus";
import { openActivationCache } from "./activation-cache";
import { buildActivationCache } from "./build-activation-cache";
import { activationCacheDir } from "./cache-layout";
import { readCacheManifest, totalNonZeros } from "./cache-manifest";
import { contextSourceFromArray } from "./context-source";
import type { EncodeBatch } from "./encode-batch";
import { computeOutputTokenTable, readLatentOutputTokens, writeOutputTokenTable, type Unembedding } from "./latent-output-tokens";
import { summarizeActivationCache } from "./summarize-activation-cache";

/** What the cache needs from one coder of the loaded pack (the model runtime provides it). */
export interface CoderRuntime {
  encode: EncodeBatch;
  /** sparsify's W_dec, row-major [numLatents, dIn]. */
  decoderWeights: Float32Array;
  dIn: number;
  numLatents: number;
}

/** What the cache needs from the model runtime. */
export interface CacheRuntime {
  tokenize(text: string): ArrayLike<number>;
  /** End-of-text id placed before every document (delphi/sparsify chunking). */
  separatorId: number;
  vocabSize: number;
  coder(hookpoint: string): Promise<CoderRuntime>;
  /** The direct path to the logits, for each latent's promoted / suppressed tokens (absent: computed on demand later). */
  unembedding?(): Unembedding;
}

export type CacheStage = "tokenizing" | "encoding" | "summarizing";

export interface PrepareLatentCacheOptions {
  dataDir: string;
  packIdentity: string;
  hookpoint: string;
  coderKind: "transcoder" | "sae";
  contextLength: number;
  /** The pack's corpus (corpus.json, text folder or file, token ids; see lib/corpus/pack-corpus); its train split is cached. */
  corpusFile: string;
  /** Tokens to cache (rounded down to whole contexts; fewer when the corpus is shorter). */
  numTokens: number;
  /** Seeds the document order and the quantile-bin example sampling. */
  seed?: number;
  runtime: CacheRuntime;
  contextsPerChunk?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (stage: CacheStage, done: number, total: number) => void;
}

/**
 * Documents are shuffled (seeded) before chunking so that a 1M-token cache mixes every source of the corpus
 * instead of holding only the first one in manifest order.
 */
function trainContexts(options: PrepareLatentCacheOptions, seed: number): Int32Array {
  const documents = readCorpusSplit(options.corpusFile, "train", { separatorId: options.runtime.separatorId });
  shuffleInPlace(createSeededRng(seed), documents);
  const maxContexts = Math.floor(options.numTokens / options.contextLength);
  let tokenized = 0;
  const tokenizeDocument = documentTokenizer(options.runtime.tokenize);
  const tokenize = (document: (typeof documents)[number]) => {
    const ids = tokenizeDocument(document);
    tokenized += ids.length;
    options.onProgress?.("tokenizing", Math.min(tokenized, options.numTokens), options.numTokens);
    return ids;
  };
  return corpusContexts(
    documents,
    { tokenize, separatorId: options.runtime.separatorId, contextLength: options.contextLength, maxContexts },
  );
}

export async function prepareLatentCache(db: RewriteDatabase, options: PrepareLatentCacheOptions): Promise<ActivationCacheRow> {
  const seed = options.seed ?? 0;
  const dir = activationCacheDir(options.dataDir, options.packIdentity, options.hookpoint);
  const source = {
    corpus: corpusFingerprint(options.corpusFile),
    split: "train",
    requestedTokens: options.numTokens,
    seed,
  };
  const coder = await options.runtime.coder(options.hookpoint);
  const stored = readCacheManifest(dir);
  const reusable = stored?.complete && JSON.stringify(stored.source) === JSON.stringify(source) && stored.packIdentity === options.packIdentity;
  const manifest = reusable
    ? stored
    : await buildActivationCache({
        dir,
        packIdentity: options.packIdentity,
        hookpoint: options.hookpoint,
        numLatents: coder.numLatents,
        vocabSize: options.runtime.vocabSize,
        contexts: contextSourceFromArray(trainContexts(options, seed), options.contextLength),
        encode: coder.encode,
        source,
        contextsPerChunk: options.contextsPerChunk,
        batchSize: options.batchSize,
        signal: options.signal,
        onProgress: (p) => options.onProgress?.("encoding", p.tokensDone, p.totalTokens),
      });
  const row = recordActivationCache(
    db,
    {
      packIdentity: options.packIdentity,
      hookpoint: options.hookpoint,
      coderKind: options.coderKind,
      dir,
      numLatents: manifest.numLatents,
      contextLength: manifest.contextLength,
      numContexts: manifest.numContexts,
      nonZeros: totalNonZeros(manifest),
      // The manifest's source (corpus, seed, tokens, context length) fixes every context: a different one is a new cache.
      sourceKey: createHash("sha256").update(JSON.stringify(manifest.source)).digest("hex").slice(0, 32),
    },
    new Date(),
  );
  await summarizeActivationCache(db, {
    cacheId: row.id,
    cache: openActivationCache(dir),
    decoderWeights: { values: coder.decoderWeights, dIn: coder.dIn },
    seed,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.("summarizing", done, total),
  });
  if (options.runtime.unembedding && manifest.numLatents > 0 && !readLatentOutputTokens(dir, 0)) {
    writeOutputTokenTable(dir, await computeOutputTokenTable(coder.decoderWeights, manifest.numLatents, options.runtime.unembedding()));
  }
  return row;
}
