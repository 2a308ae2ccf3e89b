// Per-latent measures of the newest evaluation run of a cache that stored a fix-first ledger, read as three
// arrays out of evaluation_arrays (not the whole run: the list page needs no per-prompt CE).
import type { RewriteDatabase } from "./client";
import { typedArrayOf } from "./typed-blob";

/** Array names as the run store writes them (paths into the result; see lib/evaluate/typed-array-json.ts). */
const ARRAYS = {
  explained: "extras/ledger/explained",
  correlation: "extras/ledger/correlation",
  impact: "extras/ledger/impact/meanNats",
  sensitivity: "extras/preTopKQuality/calibrated/sensitivity",
} as const;

export interface RunLatentMeasures {
  runId: number;
  createdAt: string;
  /** 1 where the latent had an explanation, so was simulated. */
  explained: Uint32Array;
  /** Pearson r of raw predictions vs true activations (NaN where undefined). */
  correlation: Float64Array;
  /** Mean CE change (nats) of rewriting only this latent. */
  impact: Float64Array;
  /** Calibrated sensitivity before TopK; absent in runs stored without pre-TopK quality. */
  sensitivity?: Float64Array;
}

export function newestRunLatentMeasures(db: RewriteDatabase, cacheId: number): RunLatentMeasures | undefined {
  const run = db.$client
    .prepare(
      `SELECT r.id AS id, r.created_at AS createdAt FROM evaluation_runs r
       WHERE r.cache_id = ? AND r.status = 'done'
         AND EXISTS (SELECT 1 FROM evaluation_arrays a WHERE a.run_id = r.id AND a.name = '${ARRAYS.correlation}')
       ORDER BY r.id DESC LIMIT 1`,
    )
    .get(cacheId) as { id: number; createdAt: string } | undefined;
  if (!run) return undefined;
  const blobs = new Map(
    (db.$client.prepare(`SELECT name, data FROM evaluation_arrays WHERE run_id = ? AND name IN (${Object.values(ARRAYS).map(() => "?").join(", ")})`).all(run.id, ...Object.values(ARRAYS)) as { name: string; data: Buffer }[]).map(
      (row) => [row.name, row.data],
    ),
  );
  const f64 = (name: string) => {
    const blob = blobs.get(name);
    return blob ? typedArrayOf(blob, Float64Array) : undefined;
  };
  const explained = blobs.get(ARRAYS.explained);
  const correlation = f64(ARRAYS.correlation);
  const impact = f64(ARRAYS.impact);
  if (!explained || !correlation || !impact) return undefined;
  return { runId: run.id, createdAt: run.createdAt, explained: typedArrayOf(explained, Uint32Array), correlation, impact, sensitivity: f64(ARRAYS.sensitivity) };
}
