// Detection / fuzzing scores of explanation versions, one row per (explanation, task, scorer source). The current
// explanation's best-sourced score is mirrored into `latents` for sorting and filtering in the browser.
import { and, eq, inArray } from "drizzle-orm";
import { type RewriteDatabase, writeTransaction } from "./client";
import { setLatentScores } from "./latents";
import { explanations, explanationScores } from "./schema";

export type ExplanationScoreRow = typeof explanationScores.$inferSelect;
export type ScoringTask = ExplanationScoreRow["scorer"];

export type NewExplanationScore = Omit<ExplanationScoreRow, "createdAt" | "servedModel"> & { servedModel?: string | null };

/** An LLM's score outranks an imported one, which outranks the lexical baseline's, in the mirrored column. */
function sourceRank(scorerSource: string): number {
  if (scorerSource.startsWith("llm:")) return 0;
  if (scorerSource === "delphi-import") return 1;
  return 2;
}

/** The preferred score among rows of one task: best source, then newest. */
export function preferredScore(rows: readonly ExplanationScoreRow[]): ExplanationScoreRow | undefined {
  return [...rows].sort((a, b) => sourceRank(a.scorerSource) - sourceRank(b.scorerSource) || (a.createdAt < b.createdAt ? 1 : -1))[0];
}

export function scoresOfExplanation(db: RewriteDatabase, explanationId: number): ExplanationScoreRow[] {
  return db.select().from(explanationScores).where(eq(explanationScores.explanationId, explanationId)).all();
}

/** The balanced accuracies to mirror into `latents` for one explanation (null where it has no score). */
export function mirroredScores(db: RewriteDatabase, explanationId: number): { detection: number | null; fuzzing: number | null } {
  const rows = scoresOfExplanation(db, explanationId);
  const pick = (task: ScoringTask) => preferredScore(rows.filter((r) => r.scorer === task))?.balancedAccuracy ?? null;
  return { detection: pick("detection"), fuzzing: pick("fuzzing") };
}

/** Stores (or replaces) one score; when its explanation is current, refreshes the latent's mirrored scores. */
export function saveExplanationScore(db: RewriteDatabase, score: NewExplanationScore, now: Date): void {
  writeTransaction(db, () => {
    const explanation = db.select().from(explanations).where(eq(explanations.id, score.explanationId)).get();
    if (!explanation) throw new Error(`explanation ${score.explanationId} does not exist; score a stored explanation`);
    const values = { ...score, servedModel: score.servedModel ?? null, createdAt: now.toISOString() };
    db.insert(explanationScores)
      .values(values)
      .onConflictDoUpdate({ target: [explanationScores.explanationId, explanationScores.scorer, explanationScores.scorerSource], set: values })
      .run();
    if (explanation.isCurrent) setLatentScores(db, explanation.cacheId, explanation.latent, mirroredScores(db, explanation.id));
  });
}

/** Which of the given explanations already have a score for (task, scorer source): used to resume a scoring run. */
export function explanationsWithScore(
  db: RewriteDatabase,
  explanationIds: readonly number[],
  task: ScoringTask,
  scorerSource: string,
): Set<number> {
  const found = new Set<number>();
  for (let start = 0; start < explanationIds.length; start += 500) {
    const rows = db
      .select({ id: explanationScores.explanationId })
      .from(explanationScores)
      .where(
        and(
          inArray(explanationScores.explanationId, explanationIds.slice(start, start + 500)),
          eq(explanationScores.scorer, task),
          eq(explanationScores.scorerSource, scorerSource),
        ),
      )
      .all();
    for (const row of rows) found.add(row.id);
  }
  return found;
}
