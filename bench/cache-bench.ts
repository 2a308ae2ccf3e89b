import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ActivationCacheRow } from "@/db/activation-caches";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { packCacheRuntime } from "@/lib/cache/pack-cache-runtime";
import { decoderNeighbours } from "@/lib/cache/decoder-neighbours";
import { prepareLatentCache, type CacheStage } from "@/lib/cache/prepare-latent-cache";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { packCorpusPath } from "@/lib/packs/pack-manifest";
import { defaultPackDir } from "@/lib/settings";
import { printTable } from "./print-table";

// Activation-cache build throughput (issue 5) on the loaded pack (the demo pack by default): the real cache stage
// (tokenize the corpus → encode contexts with onnxruntime-node → merge → per-latent summaries in SQLite) into a
// fresh temporary data folder, timed per stage; then decoder neighbours at Pythia-160M transcoder shape.

export interface CacheBenchOptions {
  /** Tokens to cache per coder (default 131072: 1024 contexts of 128 on the demo pack). */
  tokens?: number;
  /** Contexts per encoder call (the cache stage's default when absent). */
  batchSize?: number;
}

export const DEFAULT_BENCH_CACHE_TOKENS = 131_072;

const STAGES: CacheStage[] = ["tokenizing", "encoding", "summarizing"];

export interface TimedCache {
  row: ActivationCacheRow;
  /** Wall-clock seconds per stage, and in all. */
  seconds: Record<CacheStage | "total", number>;
}

/** Builds one coder's cache and summaries of the pack at `packDir` into `dataDir`, timing each stage. */
export async function buildTimedCache(db: RewriteDatabase, dataDir: string, packDir: string, hookpoint: string, options: CacheBenchOptions = {}): Promise<TimedCache> {
  const pack = getPackRuntime(packDir);
  const entry = pack.manifest.coders.find((c) => c.hookpoint === hookpoint);
  const corpusFile = packCorpusPath(pack.dir, pack.manifest);
  if (!entry || !corpusFile) throw new Error(`the pack at ${pack.dir} needs a corpus and a coder at ${hookpoint} to build a cache`);
  const runtime = packCacheRuntime(pack);
  // Session start-up is a one-off per process, not cache throughput: warm the encoder on one context first.
  const contextLength = pack.manifest.context_length;
  await (await runtime.coder(hookpoint)).encode(new Int32Array(contextLength), 1, contextLength);
  const firstSeen = new Map<CacheStage, number>();
  const start = performance.now();
  const row = await prepareLatentCache(db, {
    dataDir,
    packIdentity: pack.identity,
    hookpoint,
    coderKind: entry.kind,
    contextLength,
    corpusFile,
    numTokens: options.tokens ?? DEFAULT_BENCH_CACHE_TOKENS,
    batchSize: options.batchSize,
    runtime,
    onProgress: (stage) => {
      if (!firstSeen.has(stage)) firstSeen.set(stage, performance.now());
    },
  });
  const end = performance.now();
  firstSeen.set("tokenizing", start);
  const seconds = { total: (end - start) / 1000 } as TimedCache["seconds"];
  STAGES.forEach((stage, i) => {
    const next = STAGES.slice(i + 1).map((s) => firstSeen.get(s)).find((t) => t !== undefined) ?? end;
    seconds[stage] = (next - (firstSeen.get(stage) ?? next)) / 1000;
  });
  return { row, seconds };
}

// Pythia-160M's transcoders: 32,768 latents over d_model 768, the shape whose neighbour lists the summary waits on.
const NEIGHBOUR_BENCH_SHAPE = { numLatents: 32_768, dIn: 768, count: 10 };

/** Seconds for the decoder-neighbour lists of random W_dec of Pythia-160M transcoder shape. */
async function timeDecoderNeighbours(): Promise<number> {
  const { numLatents, dIn, count } = NEIGHBOUR_BENCH_SHAPE;
  const rng = createSeededRng(0);
  const wDec = Float32Array.from({ length: numLatents * dIn }, () => rng.uniform() - 0.5);
  const start = performance.now();
  await decoderNeighbours(wDec, numLatents, dIn, count);
  return (performance.now() - start) / 1000;
}

export async function runCacheBench(options: CacheBenchOptions = {}): Promise<void> {
  const packDir = defaultPackDir();
  const pack = getPackRuntime(packDir);
  const root = mkdtempSync(join(tmpdir(), "rewrite-cache-bench-"));
  const rows: string[][] = [];
  try {
    const db = openDatabase(join(root, "rewrite.sqlite"));
    for (const { hookpoint } of pack.manifest.coders) {
      const { row, seconds } = await buildTimedCache(db, root, packDir, hookpoint, options);
      const tokens = row.numContexts * row.contextLength;
      const rate = (s: number) => (tokens / s).toFixed(0);
      rows.push([
        `${row.coderKind} ${hookpoint}`,
        String(tokens),
        seconds.tokenizing.toFixed(2),
        seconds.encoding.toFixed(2),
        rate(seconds.encoding),
        seconds.summarizing.toFixed(2),
        seconds.total.toFixed(2),
        rate(seconds.total),
        (row.nonZeros / 1e6).toFixed(2),
      ]);
    }
    db.$client.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  printTable(
    `Activation cache build on pack "${pack.manifest.name}" (${pack.identity}), fresh data folder, seconds and tokens/s`,
    ["coder", "tokens", "tokenize s", "encode s", "encode tok/s", "summarize s", "total s", "total tok/s", "non-zeros (M)"],
    rows,
  );
  const { numLatents, dIn, count } = NEIGHBOUR_BENCH_SHAPE;
  printTable("Decoder neighbours (exact all-pairs cosine), random W_dec", ["latents", "d", "neighbours", "seconds"], [
    [String(numLatents), String(dIn), String(count), (await timeDecoderNeighbours()).toFixed(2)],
  ]);
}
