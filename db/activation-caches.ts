import { and, desc, eq } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { activationCaches } from "./schema";

export type ActivationCacheRow = typeof activationCaches.$inferSelect;

export interface ActivationCacheRecord {
  packIdentity: string;
  hookpoint: string;
  coderKind: "transcoder" | "sae";
  dir: string;
  numLatents: number;
  contextLength: number;
  numContexts: number;
  nonZeros: number;
}

/**
 * Registers a finished cache build. The row is kept across rebuilds (explanations hang off it); when the files
 * changed, the summary restarts from latent 0.
 */
export function recordActivationCache(db: RewriteDatabase, record: ActivationCacheRecord, now: Date): ActivationCacheRow {
  const existing = findActivationCache(db, record.packIdentity, record.hookpoint);
  const numTokens = record.numContexts * record.contextLength;
  const unchanged =
    existing !== undefined &&
    existing.dir === record.dir &&
    existing.numLatents === record.numLatents &&
    existing.numContexts === record.numContexts &&
    existing.contextLength === record.contextLength &&
    existing.nonZeros === record.nonZeros;
  if (existing && unchanged) return existing;
  const values = { ...record, numTokens, summarizedLatents: 0, summarizedAt: null, builtAt: now.toISOString() };
  if (existing) return db.update(activationCaches).set(values).where(eq(activationCaches.id, existing.id)).returning().get();
  return db.insert(activationCaches).values(values).returning().get();
}

export function findActivationCache(db: RewriteDatabase, packIdentity: string, hookpoint: string): ActivationCacheRow | undefined {
  return db
    .select()
    .from(activationCaches)
    .where(and(eq(activationCaches.packIdentity, packIdentity), eq(activationCaches.hookpoint, hookpoint)))
    .get();
}

/** Caches of a pack (or of all packs, newest first). */
export function listActivationCaches(db: RewriteDatabase, packIdentity?: string): ActivationCacheRow[] {
  const query = db.select().from(activationCaches);
  return (packIdentity ? query.where(eq(activationCaches.packIdentity, packIdentity)) : query).orderBy(desc(activationCaches.builtAt), activationCaches.hookpoint).all();
}

export function setSummaryProgress(
  db: RewriteDatabase,
  cacheId: number,
  progress: { summarizedLatents: number; windowLength: number },
  finishedAt: Date | null,
): void {
  db.update(activationCaches)
    .set({ ...progress, ...(finishedAt ? { summarizedAt: finishedAt.toISOString() } : {}) })
    .where(eq(activationCaches.id, cacheId))
    .run();
}

export function findActivationCacheById(db: RewriteDatabase, id: number): ActivationCacheRow | undefined {
  return db.select().from(activationCaches).where(eq(activationCaches.id, id)).get();
}
