import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listActivationCaches } from "@/db/activation-caches";
import { getDatabase, openDatabase } from "@/db/client";
import { DEFAULT_CACHE_TOKENS } from "@/lib/cache/cache-job";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData } from "@/lib/cache/latent-page-data";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { quantileSorted } from "@/lib/core/sample-quantiles";
import { explainLatents, statisticalExplainerForCache } from "@/lib/explain";
import { explanationProvenance } from "@/lib/explain";
import { defaultCoder } from "@/lib/packs/default-coder";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { openReadablePack } from "@/lib/packs/open-pack";
import { activePackDir } from "@/lib/packs/pack-registry";
import { databasePath, dataDir } from "@/lib/settings";
import { buildTimedCache } from "./cache-bench";
import { printTable } from "./print-table";

// Server time to assemble one latent page (issue 5: under 300 ms): the lib calls app/latents/[id]/page.tsx makes
// (loaded pack, cache selection, page data with example windows, explanation provenance), for random latents of
// the loaded pack's transcoder. Reads the configured data folder when `rewrite prepare` has filled it; otherwise
// builds a cache and baseline explanations into a temporary one first. React rendering is not included.

export interface LatentPageBenchOptions {
  /** Random latents to time (default 60). */
  latents?: number;
  seed?: number;
  /** Tokens of the cache the suite builds when the data folder has none (default: prepare's 2^20). */
  tokens?: number;
}

export const LATENT_PAGE_GOAL_MS = 300;

const STEPS = ["pack + cache selection", "page data", "explanation", "total"] as const;
type Step = (typeof STEPS)[number];

function hasPreparedCache(): boolean {
  if (!existsSync(databasePath())) return false;
  const db = openDatabase(databasePath());
  try {
    return listActivationCaches(db, openReadablePack(activePackDir(db)).identity).some((c) => c.summarizedAt !== null);
  } finally {
    db.$client.close();
  }
}

/** A temporary data folder with the transcoder's cache and statistical explanations, as `rewrite prepare` makes them. */
async function buildTemporaryData(tokens: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "rewrite-latent-page-bench-"));
  process.env.REWRITE_DATA_DIR = root;
  delete process.env.REWRITE_DB_PATH;
  const db = getDatabase();
  const pack = loadActivePack(db);
  if (pack.status !== "ok") throw new Error(`no usable pack at ${pack.dir}`);
  const packDir = pack.pack.dir;
  const coder = defaultCoder(pack.pack);
  const { row, seconds } = await buildTimedCache(db, root, packDir, coder.hookpoint, { tokens });
  const explainer = statisticalExplainerForCache(db, row.id, { packDir });
  await explainLatents(db, { cacheId: row.id, packDir, seed: 0, explainer });
  console.log(`built a ${row.numContexts * row.contextLength}-token cache of ${coder.hookpoint} in ${seconds.total.toFixed(1)} s, with baseline explanations, in ${root}`);
  return root;
}

export async function runLatentPageBench(options: LatentPageBenchOptions = {}): Promise<void> {
  const temporary = hasPreparedCache() ? undefined : await buildTemporaryData(options.tokens ?? DEFAULT_CACHE_TOKENS);
  try {
    const db = getDatabase();
    const selection = selectLatentCache(db, loadActivePack(db));
    if (!selection) throw new Error("no summarized activation cache for the loaded pack");
    const { cache } = selection;
    const count = Math.min(options.latents ?? 60, cache.numLatents);
    const latents = sampleWithoutReplacement(createSeededRng(options.seed ?? 0), cache.numLatents, count);
    const times: Record<Step, number[]> = { "pack + cache selection": [], "page data": [], explanation: [], total: [] };
    let explained = 0;
    for (const latent of latents) {
      const t0 = performance.now();
      const pageSelection = selectLatentCache(db, loadActivePack(db))!;
      const t1 = performance.now();
      if (!loadLatentPageData(db, pageSelection, latent)) throw new Error(`latent ${latent} has no page data`);
      const t2 = performance.now();
      if (explanationProvenance(db, pageSelection.cache.id, latent)) explained++;
      const t3 = performance.now();
      times["pack + cache selection"].push(t1 - t0);
      times["page data"].push(t2 - t1);
      times.explanation.push(t3 - t2);
      times.total.push(t3 - t0);
    }
    const ms = (v: number) => v.toFixed(1);
    const rows = STEPS.map((step) => {
      const sorted = Float64Array.from(times[step]).sort();
      return [step, ms(quantileSorted(sorted, 0.5)), ms(quantileSorted(sorted, 0.95)), ms(sorted[sorted.length - 1])];
    });
    const source = temporary ? "a cache built by this suite" : `the prepared data in ${dataDir()}`;
    printTable(
      `Latent page server time, ${count} random latents of ${cache.hookpoint} (${cache.numContexts * cache.contextLength} cached tokens, ${explained} explained), ${source}, ms`,
      ["step", "p50", "p95", "max"],
      rows,
    );
    const p95 = quantileSorted(Float64Array.from(times.total).sort(), 0.95);
    console.log(`p95 ${ms(p95)} ms: ${p95 < LATENT_PAGE_GOAL_MS ? "under" : "OVER"} the ${LATENT_PAGE_GOAL_MS} ms goal.`);
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
