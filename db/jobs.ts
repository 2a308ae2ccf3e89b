import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { jobs } from "./schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow["status"];
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const satisfies readonly JobStatus[];

export function insertJob(db: RewriteDatabase, kind: string, params: unknown, now: Date): JobRow {
  return db
    .insert(jobs)
    .values({ kind, paramsJson: JSON.stringify(params), status: "queued", createdAt: now.toISOString() })
    .returning()
    .get();
}

export function findJob(db: RewriteDatabase, id: number): JobRow | undefined {
  return db.select().from(jobs).where(eq(jobs.id, id)).get();
}

/** Newest first. */
export function listJobs(db: RewriteDatabase, options: { statuses?: readonly JobStatus[]; limit?: number } = {}): JobRow[] {
  const query = db.select().from(jobs);
  const filtered = options.statuses ? query.where(inArray(jobs.status, [...options.statuses])) : query;
  return filtered
    .orderBy(desc(jobs.id))
    .limit(options.limit ?? 100)
    .all();
}

export function updateJob(db: RewriteDatabase, id: number, patch: Partial<Omit<JobRow, "id" | "kind" | "paramsJson" | "createdAt">>): JobRow {
  return db.update(jobs).set(patch).where(eq(jobs.id, id)).returning().get();
}

/**
 * Marks the job running for this process if nobody else holds it: it is queued or failed, or running with a
 * heartbeat older than `staleBefore` (its process was killed). One UPDATE, so two processes cannot both win.
 */
export function claimJob(db: RewriteDatabase, id: number, now: Date, staleBefore: Date): JobRow | undefined {
  const claimable: SQL | undefined = or(
    inArray(jobs.status, ["queued", "failed"]),
    and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, staleBefore.toISOString())),
  );
  return db
    .update(jobs)
    .set({ status: "running", heartbeatAt: now.toISOString(), startedAt: now.toISOString(), finishedAt: null, error: null })
    .where(and(eq(jobs.id, id), claimable))
    .returning()
    .get();
}

/** Jobs left queued, or running under a heartbeat older than `staleBefore`: work a killed process left behind. */
export function listInterruptedJobs(db: RewriteDatabase, staleBefore: Date): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(or(eq(jobs.status, "queued"), and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, staleBefore.toISOString()))))
    .orderBy(jobs.id)
    .all();
}
