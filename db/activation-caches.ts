import { and, desc, eq } from "drizzle-orm";
import { writeTransaction, type RewriteDatabase } from "./client";
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
  /** What the cache was built from (e.g. a hash of corpus, seed and token count); absent for imports. */
  sourceKey?: string;
}

/**
 * Registers a finished cache build. A build with the same contents keeps its row; a rebuild with different
 * contents is a new cache with a new id (ids are never reused: AUTOINCREMENT). Context ids of predictions, and the
 * explanations, scores and runs made on the old contexts, hang off the old id, so they are removed with it and can
 * never be served for the new contexts.
 */
export function recordActivationCache(db: RewriteDatabase, record: ActivationCacheRecord, now: Date): ActivationCacheRow {
  const existing = findActivationCache(db, record.packIdentity, record.hookpoint);
  const numTokens = record.numContexts * record.contextLength;
  const sameSource = existing?.sourceKey == null || record.sourceKey === undefined || existing.sourceKey === record.sourceKey;
  const unchanged =
    existing !== undefined &&
    sameSource &&
    existing.dir === record.dir &&
    existing.numLatents === record.numLatents &&
    existing.numContexts === record.numContexts &&
    existing.contextLength === record.contextLength &&
    existing.nonZeros === record.nonZeros;
  if (existing && unchanged) {
    // A cache registered before source keys were kept adopts this build's key.
    if (existing.sourceKey == null && record.sourceKey !== undefined) {
      return db.update(activationCaches).set({ sourceKey: record.sourceKey }).where(eq(activationCaches.id, existing.id)).returning().get();
    }
    return existing;
  }
  const values = { ...record, sourceKey: record.sourceKey ?? null, numTokens, summarizedLatents: 0, summarizedAt: null, builtAt: now.toISOString() };
  return writeTransaction(db, () => {
    if (existing) retireActivationCache(db, existing.id);
    return db.insert(activationCaches).values(values).returning().get();
  });
}

/** Removes a cache row, what cascades from it, and the predictions whose context ids name it ("<cacheId>:…"). */
function retireActivationCache(db: RewriteDatabase, cacheId: number): void {
  db.$client.prepare("DELETE FROM predictions WHERE context_id LIKE ?").run(`${cacheId}:%`);
  db.delete(activationCaches).where(eq(activationCaches.id, cacheId)).run();
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
