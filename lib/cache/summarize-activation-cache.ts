// Second half of `rewrite cache`: per-latent statistics, example windows and decoder neighbours into SQLite.
// One transaction per range of latents also records how far it got, so a killed summary resumes there.
import { findActivationCacheById, setSummaryProgress } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { upsertLatentStats, type LatentStatsRecord } from "@/db/latents";
import { createSeededRng } from "@/lib/core/seeded-rng";
import type { ActivationCache } from "./activation-cache";
import { decoderNeighbours, type DecoderNeighbours } from "./decoder-neighbours";
import { DEFAULT_SUMMARY_OPTIONS, summarizeLatent, type LatentSummaryOptions } from "./latent-summary";

export interface SummarizeActivationCacheOptions {
  /** The activation_caches row the summaries belong to. */
  cacheId: number;
  cache: ActivationCache;
  /** sparsify's W_dec, row-major [numLatents, dIn]; without it no neighbours are stored. */
  decoderWeights?: { values: Float32Array; dIn: number };
  neighbourCount?: number;
  /** Seeds the quantile-bin sampling of each latent (independently of the others, so ranges can resume). */
  seed?: number;
  latentsPerTransaction?: number;
  summary?: Partial<Omit<LatentSummaryOptions, "numTokens" | "contextLength">>;
  signal?: AbortSignal;
  onProgress?: (latentsDone: number, numLatents: number) => void;
  now?: () => Date;
}

/** A per-latent seed, so a latent's sample does not depend on where a resumed run started. */
function latentSeed(seed: number, latent: number): number {
  return Number(BigInt.asUintN(52, BigInt(seed) * 1_000_003n + BigInt(latent)));
}

function neighboursOf(all: DecoderNeighbours | undefined, latent: number): LatentStatsRecord["neighbours"] {
  if (!all) return [];
  const out: LatentStatsRecord["neighbours"] = [];
  for (let r = latent * all.count; r < (latent + 1) * all.count; r++) {
    if (all.latents[r] >= 0) out.push({ neighbour: all.latents[r], cosine: all.cosines[r] });
  }
  return out;
}

export async function summarizeActivationCache(db: RewriteDatabase, options: SummarizeActivationCacheOptions): Promise<void> {
  const row = findActivationCacheById(db, options.cacheId);
  if (!row) throw new Error(`activation cache ${options.cacheId} is not registered; record the build first`);
  const { cache } = options;
  const { numLatents, contextLength } = cache.manifest;
  const now = options.now ?? (() => new Date());
  const summaryOptions: LatentSummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...options.summary, numTokens: cache.numTokens, contextLength };
  const seed = options.seed ?? 0;
  const step = options.latentsPerTransaction ?? 256;
  // Resuming with another window length would mix two kinds of example windows: start over instead.
  let done = row.windowLength === summaryOptions.windowLength ? row.summarizedLatents : 0;
  options.onProgress?.(done, numLatents);
  if (done >= numLatents) return;
  const neighbours = options.decoderWeights
    ? await decoderNeighbours(options.decoderWeights.values, numLatents, options.decoderWeights.dIn, options.neighbourCount ?? 10)
    : undefined;
  while (done < numLatents) {
    options.signal?.throwIfAborted();
    const end = Math.min(numLatents, done + step);
    const records: LatentStatsRecord[] = [];
    for (let latent = done; latent < end; latent++) {
      const summary = summarizeLatent(cache.latentActivations(latent), summaryOptions, createSeededRng(latentSeed(seed, latent)));
      records.push({ latent, ...summary, neighbours: neighboursOf(neighbours, latent) });
    }
    db.$client.transaction(() => {
      upsertLatentStats(db, options.cacheId, records);
      setSummaryProgress(db, options.cacheId, { summarizedLatents: end, windowLength: summaryOptions.windowLength }, end === numLatents ? now() : null);
    })();
    done = end;
    options.onProgress?.(done, numLatents);
    // Let a server keep answering requests between ranges.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
