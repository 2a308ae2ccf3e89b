// What each simulation of an explanation version measured (the latent explorer's charts and metrics): one row per
// run, newest wins when shown, so the versions of a latent compare side by side.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { explanationSimulations } from "./schema";

export type ExplanationSimulationRow = typeof explanationSimulations.$inferSelect;

export type NewExplanationSimulation = Omit<ExplanationSimulationRow, "id" | "createdAt">;

export function saveExplanationSimulation(db: RewriteDatabase, record: NewExplanationSimulation, now: Date): ExplanationSimulationRow {
  return db
    .insert(explanationSimulations)
    .values({ ...record, createdAt: now.toISOString() })
    .returning()
    .get();
}

/** The newest simulation of each given explanation by this simulator (explanations without one are absent). */
export function latestSimulations(db: RewriteDatabase, explanationIds: readonly number[], simulatorId: string): Map<number, ExplanationSimulationRow> {
  const latest = new Map<number, ExplanationSimulationRow>();
  for (let start = 0; start < explanationIds.length; start += 500) {
    const rows = db
      .select()
      .from(explanationSimulations)
      .where(and(inArray(explanationSimulations.explanationId, explanationIds.slice(start, start + 500)), eq(explanationSimulations.simulatorId, simulatorId)))
      .orderBy(desc(explanationSimulations.id))
      .all();
    for (const row of rows) if (!latest.has(row.explanationId)) latest.set(row.explanationId, row);
  }
  return latest;
}
