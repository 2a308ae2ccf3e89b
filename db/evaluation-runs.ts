import { and, asc, desc, eq } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { evaluationArrays, evaluationRuns, latents } from "./schema";

export type EvaluationRunRow = typeof evaluationRuns.$inferSelect;
/** A run without its result JSON, for listings. */
export type EvaluationRunHeader = Omit<EvaluationRunRow, "resultJson">;
export type EvaluationArrayRow = Omit<typeof evaluationArrays.$inferSelect, "runId">;

export interface FinishedEvaluationRun {
  cacheId: number;
  packIdentity: string;
  simulatorId: string;
  seed: number;
  configJson: string;
  promptCount: number;
  resultJson: string;
}

/** Stores a finished run and its arrays in one transaction; returns its id. */
export function insertFinishedEvaluationRun(db: RewriteDatabase, run: FinishedEvaluationRun, arrays: readonly EvaluationArrayRow[], now: Date): number {
  return db.transaction((tx) => {
    const at = now.toISOString();
    const { id } = tx
      .insert(evaluationRuns)
      .values({ ...run, status: "done", createdAt: at, finishedAt: at })
      .returning({ id: evaluationRuns.id })
      .get();
    for (const array of arrays) tx.insert(evaluationArrays).values({ runId: id, ...array }).run();
    return id;
  }, { behavior: "immediate" });
}

export function findEvaluationRun(db: RewriteDatabase, id: number): EvaluationRunRow | undefined {
  return db.select().from(evaluationRuns).where(eq(evaluationRuns.id, id)).get();
}

export function readEvaluationArrays(db: RewriteDatabase, runId: number): EvaluationArrayRow[] {
  return db
    .select({ name: evaluationArrays.name, dtype: evaluationArrays.dtype, data: evaluationArrays.data })
    .from(evaluationArrays)
    .where(eq(evaluationArrays.runId, runId))
    .all();
}

const header = {
  id: evaluationRuns.id,
  cacheId: evaluationRuns.cacheId,
  packIdentity: evaluationRuns.packIdentity,
  simulatorId: evaluationRuns.simulatorId,
  seed: evaluationRuns.seed,
  configJson: evaluationRuns.configJson,
  status: evaluationRuns.status,
  promptCount: evaluationRuns.promptCount,
  error: evaluationRuns.error,
  createdAt: evaluationRuns.createdAt,
  finishedAt: evaluationRuns.finishedAt,
};

/** Newest first. */
export function listEvaluationRuns(db: RewriteDatabase, options: { limit?: number } = {}): EvaluationRunHeader[] {
  return db
    .select(header)
    .from(evaluationRuns)
    .orderBy(desc(evaluationRuns.id))
    .limit(options.limit ?? 100)
    .all();
}

/** The newest finished run of this cache with exactly this config (inputs included), if any: a re-run would repeat it. */
export function findFinishedEvaluationRun(db: RewriteDatabase, cacheId: number, configJson: string): EvaluationRunHeader | undefined {
  return db
    .select(header)
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.cacheId, cacheId), eq(evaluationRuns.configJson, configJson), eq(evaluationRuns.status, "done")))
    .orderBy(desc(evaluationRuns.id))
    .get();
}

/** What a rewrite evaluation reads of each latent: its current explanation and scores (null where missing). */
export function latentRewriteInputs(
  db: RewriteDatabase,
  cacheId: number,
): { latent: number; explanation: string | null; detectionScore: number | null; fuzzingScore: number | null }[] {
  return db
    .select({ latent: latents.latent, explanation: latents.explanation, detectionScore: latents.detectionScore, fuzzingScore: latents.fuzzingScore })
    .from(latents)
    .where(eq(latents.cacheId, cacheId))
    .orderBy(asc(latents.latent))
    .all();
}
