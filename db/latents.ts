import { and, eq, gt, inArray } from "drizzle-orm";
import type { LatentSummary } from "./latent-summary";
import type { RewriteDatabase } from "./client";
import { latentDistributions, latentExamples, latentNeighbours, latents } from "./schema";
import { blobOf, typedArrayOf } from "./typed-blob";

/** A latent's summary as written: its statistics, example windows and decoder neighbours. */
export type LatentStatsRecord = LatentSummary & { latent: number; neighbours: { neighbour: number; cosine: number }[] };

/** Writes (or refreshes) summary rows; keeps each latent's explanation and scores. Call inside a transaction. */
export function upsertLatentStats(db: RewriteDatabase, cacheId: number, records: LatentStatsRecord[]): void {
  for (const record of records) {
    const stats = { nonZeroCount: record.nonZeroCount, frequency: record.frequency, maxActivation: record.maxActivation, meanNonZero: record.meanNonZero };
    const { id } = db
      .insert(latents)
      .values({ cacheId, latent: record.latent, ...stats })
      .onConflictDoUpdate({ target: [latents.cacheId, latents.latent], set: stats })
      .returning({ id: latents.id })
      .get();
    const distribution = {
      histogramEdges: blobOf(record.histogramEdges),
      histogramCounts: blobOf(record.histogramCounts),
      quantiles: blobOf(record.percentiles),
    };
    db.insert(latentDistributions)
      .values({ latentId: id, ...distribution })
      .onConflictDoUpdate({ target: latentDistributions.latentId, set: distribution })
      .run();
    db.delete(latentExamples).where(eq(latentExamples.latentId, id)).run();
    db.insert(latentExamples)
      .values([
        { latentId: id, kind: "top" as const, bin: 0, windows: blobOf(record.topWindows) },
        ...record.quantileWindows.map((windows, bin) => ({ latentId: id, kind: "quantile" as const, bin, windows: blobOf(windows) })),
      ])
      .run();
    db.delete(latentNeighbours).where(eq(latentNeighbours.latentId, id)).run();
    if (record.neighbours.length > 0) {
      db.insert(latentNeighbours)
        .values(record.neighbours.map((n, rank) => ({ latentId: id, rank, neighbour: n.neighbour, cosine: n.cosine })))
        .run();
    }
  }
}

/** A stored summary with the explanation and scores that later stages added. */
export type LatentDetail = LatentSummary & {
  latent: number;
  explanation: string | null;
  detectionScore: number | null;
  fuzzingScore: number | null;
  neighbours: { neighbour: number; cosine: number; explanation: string | null }[];
};

export function findLatentDetail(db: RewriteDatabase, cacheId: number, latent: number): LatentDetail | undefined {
  const row = db
    .select()
    .from(latents)
    .where(and(eq(latents.cacheId, cacheId), eq(latents.latent, latent)))
    .get();
  if (!row) return undefined;
  const distribution = db.select().from(latentDistributions).where(eq(latentDistributions.latentId, row.id)).get();
  if (!distribution) return undefined;
  const examples = db.select().from(latentExamples).where(eq(latentExamples.latentId, row.id)).orderBy(latentExamples.kind, latentExamples.bin).all();
  const neighbours = db.$client
    .prepare(
      `SELECT n.neighbour AS neighbour, n.cosine AS cosine, other.explanation AS explanation
       FROM latent_neighbours n LEFT JOIN latents other ON other.cache_id = ? AND other.latent = n.neighbour
       WHERE n.latent_id = ? ORDER BY n.rank`,
    )
    .all(cacheId, row.id) as LatentDetail["neighbours"];
  return {
    latent: row.latent,
    nonZeroCount: row.nonZeroCount,
    frequency: row.frequency,
    maxActivation: row.maxActivation,
    meanNonZero: row.meanNonZero,
    histogramEdges: typedArrayOf(distribution.histogramEdges, Float64Array),
    histogramCounts: typedArrayOf(distribution.histogramCounts, Uint32Array),
    percentiles: typedArrayOf(distribution.quantiles, Float32Array),
    explanation: row.explanation,
    detectionScore: row.detectionScore,
    fuzzingScore: row.fuzzingScore,
    topWindows: typedArrayOf(examples.find((e) => e.kind === "top")?.windows ?? Buffer.alloc(0), Uint32Array),
    quantileWindows: examples.filter((e) => e.kind === "quantile").map((e) => typedArrayOf(e.windows, Uint32Array)),
    neighbours,
  };
}

/** Sets the current explanation (null clears it); the FTS index follows by trigger. */
export function setLatentExplanation(db: RewriteDatabase, cacheId: number, latent: number, explanation: string | null): void {
  db.update(latents)
    .set({ explanation })
    .where(and(eq(latents.cacheId, cacheId), eq(latents.latent, latent)))
    .run();
}

export function setLatentScores(db: RewriteDatabase, cacheId: number, latent: number, scores: { detection?: number | null; fuzzing?: number | null }): void {
  db.update(latents)
    .set({
      ...(scores.detection !== undefined ? { detectionScore: scores.detection } : {}),
      ...(scores.fuzzing !== undefined ? { fuzzingScore: scores.fuzzing } : {}),
    })
    .where(and(eq(latents.cacheId, cacheId), eq(latents.latent, latent)))
    .run();
}

/** Latents of a cache that fire at least once, ascending: the ones worth explaining and scoring. */
export function firingLatents(db: RewriteDatabase, cacheId: number): number[] {
  return db
    .select({ latent: latents.latent })
    .from(latents)
    .where(and(eq(latents.cacheId, cacheId), gt(latents.nonZeroCount, 0)))
    .orderBy(latents.latent)
    .all()
    .map((r) => r.latent);
}

/** Current explanations of some latents of a cache (latents without a row are absent from the map). */
export function latentExplanations(db: RewriteDatabase, cacheId: number, latentIds: readonly number[]): Map<number, string | null> {
  if (latentIds.length === 0) return new Map();
  const rows = db
    .select({ latent: latents.latent, explanation: latents.explanation })
    .from(latents)
    .where(and(eq(latents.cacheId, cacheId), inArray(latents.latent, [...latentIds])))
    .all();
  return new Map(rows.map((r) => [r.latent, r.explanation]));
}
