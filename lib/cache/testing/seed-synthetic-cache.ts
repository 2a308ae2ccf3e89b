// Synthetic cache → database, for unit tests and for working on the latent pages before the demo pack exists.
// The e2e tests never use it: they run on the demo pack prepared at start-up.
import { recordActivationCache, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { setLatentExplanation } from "@/db/latents";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { buildActivationCache } from "@/lib/cache/build-activation-cache";
import { activationCacheDir } from "@/lib/cache/cache-layout";
import { totalNonZeros } from "@/lib/cache/cache-manifest";
import { contextSourceFromArray } from "@/lib/cache/context-source";
import { summarizeActivationCache } from "@/lib/cache/summarize-activation-cache";
import { syntheticEncoder } from "./synthetic-encoder";

export interface SyntheticCacheOptions {
  dataDir: string;
  packIdentity?: string;
  hookpoint?: string;
  numLatents?: number;
  k?: number;
  numContexts?: number;
  contextLength?: number;
  vocabSize?: number;
  dIn?: number;
  seed?: number;
  /** An explanation per latent (null leaves it empty). */
  explanation?: (latent: number) => string | null;
}

export async function seedSyntheticCache(db: RewriteDatabase, options: SyntheticCacheOptions): Promise<ActivationCacheRow> {
  const { numLatents = 64, k = 4, numContexts = 24, contextLength = 64, vocabSize = 4096, dIn = 8, seed = 1 } = options;
  const packIdentity = options.packIdentity ?? "synthetic";
  const hookpoint = options.hookpoint ?? "layers.2.mlp";
  const rng = createSeededRng(seed);
  const tokens = Int32Array.from({ length: numContexts * contextLength }, () => rng.integerBelow(vocabSize));
  const dir = activationCacheDir(options.dataDir, packIdentity, hookpoint);
  const manifest = await buildActivationCache({
    dir,
    packIdentity,
    hookpoint,
    numLatents,
    vocabSize,
    contexts: contextSourceFromArray(tokens, contextLength),
    encode: syntheticEncoder(numLatents, k),
    contextsPerChunk: 8,
  });
  const row = recordActivationCache(
    db,
    { packIdentity, hookpoint, coderKind: "transcoder", dir, numLatents, contextLength, numContexts, nonZeros: totalNonZeros(manifest) },
    new Date(),
  );
  const decoder = Float32Array.from({ length: numLatents * dIn }, () => rng.uniform() * 2 - 1);
  await summarizeActivationCache(db, { cacheId: row.id, cache: openActivationCache(dir), decoderWeights: { values: decoder, dIn }, seed });
  if (options.explanation) {
    const explain = options.explanation;
    db.$client.transaction(() => {
      for (let latent = 0; latent < numLatents; latent++) setLatentExplanation(db, row.id, latent, explain(latent));
    })();
  }
  return row;
}
