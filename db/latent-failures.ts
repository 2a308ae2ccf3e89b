// Why the latest explain or score attempt of a latent stored nothing, per stage and explainer / scorer, so the latent
// page can say it (an LLM run's reasons would otherwise only reach the terminal). A success removes the row.
import { and, desc, eq } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { latentFailures } from "./schema";

export type LatentFailureRow = typeof latentFailures.$inferSelect;
export type LatentFailureStage = LatentFailureRow["stage"];
export type NewLatentFailure = Omit<LatentFailureRow, "createdAt">;

type LatentFailureKey = Pick<LatentFailureRow, "cacheId" | "latent" | "stage" | "source">;

/** Stores (or replaces) the failure of one (latent, stage, source). */
export function recordLatentFailure(db: RewriteDatabase, failure: NewLatentFailure, now: Date): void {
  const values = { ...failure, createdAt: now.toISOString() };
  db.insert(latentFailures)
    .values(values)
    .onConflictDoUpdate({ target: [latentFailures.cacheId, latentFailures.latent, latentFailures.stage, latentFailures.source], set: values })
    .run();
}

/** Removes the failure of one (latent, stage, source), after the stage succeeded for it. */
export function clearLatentFailure(db: RewriteDatabase, key: LatentFailureKey): void {
  db.delete(latentFailures)
    .where(
      and(
        eq(latentFailures.cacheId, key.cacheId),
        eq(latentFailures.latent, key.latent),
        eq(latentFailures.stage, key.stage),
        eq(latentFailures.source, key.source),
      ),
    )
    .run();
}

/** The latent's standing failures, newest first. */
export function latentFailuresOf(db: RewriteDatabase, cacheId: number, latent: number): LatentFailureRow[] {
  return db
    .select()
    .from(latentFailures)
    .where(and(eq(latentFailures.cacheId, cacheId), eq(latentFailures.latent, latent)))
    .orderBy(desc(latentFailures.createdAt))
    .all();
}
