import { and, desc, eq, inArray } from "drizzle-orm";
import { type RewriteDatabase, writeTransaction } from "./client";
import { jobs } from "./schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow["status"];
export const JOB_STATUSES = ["queued", "running", "done", "failed", "interrupted"] as const satisfies readonly JobStatus[];
/** Statuses that claim a live process; a job in one of them whose process died is interrupted. */
export const ACTIVE_JOB_STATUSES = ["queued", "running"] as const satisfies readonly JobStatus[];

/** The process that queues or runs a job. */
export interface JobOwner {
  pid: number;
  host: string;
}

export type JobPatch = Partial<Omit<JobRow, "id" | "kind" | "paramsJson" | "createdAt" | "ownerPid" | "ownerHost">>;

export function insertJob(db: RewriteDatabase, kind: string, params: unknown, owner: JobOwner, now: Date): JobRow {
  return db
    .insert(jobs)
    .values({ kind, paramsJson: JSON.stringify(params), status: "queued", createdAt: now.toISOString(), ownerPid: owner.pid, ownerHost: owner.host })
    .returning()
    .get();
}

export function findJob(db: RewriteDatabase, id: number): JobRow | undefined {
  return db.select().from(jobs).where(eq(jobs.id, id)).get();
}

/** Newest first. */
export function listJobs(db: RewriteDatabase, options: { statuses?: readonly JobStatus[]; kind?: string; limit?: number } = {}): JobRow[] {
  const conditions = [options.statuses ? inArray(jobs.status, [...options.statuses]) : undefined, options.kind ? eq(jobs.kind, options.kind) : undefined];
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.id))
    .limit(options.limit ?? 100)
    .all();
}

/** Jobs of `kind` started with exactly these parameters, oldest first: what a rerun of the same command finds. */
export function listJobsWithParams(db: RewriteDatabase, kind: string, params: unknown): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.paramsJson, JSON.stringify(params))))
    .orderBy(jobs.id)
    .all();
}

/** Applies `patch` only while `owner` still runs the job; undefined once another process took it over or interrupted it. */
export function updateOwnedJob(db: RewriteDatabase, id: number, owner: JobOwner, patch: JobPatch): JobRow | undefined {
  return db
    .update(jobs)
    .set(patch)
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.ownerPid, owner.pid), eq(jobs.ownerHost, owner.host)))
    .returning()
    .get();
}

/**
 * Marks the job running for `owner` when `claimable` accepts its current row. The check and the update share one
 * immediate transaction, so two processes cannot both claim it.
 */
export function claimJob(db: RewriteDatabase, id: number, owner: JobOwner, now: Date, claimable: (row: JobRow) => boolean): JobRow | undefined {
  return writeTransaction(db, () => {
    const row = findJob(db, id);
    if (!row || !claimable(row)) return undefined;
    const at = now.toISOString();
    return db
      .update(jobs)
      .set({ status: "running", ownerPid: owner.pid, ownerHost: owner.host, heartbeatAt: at, startedAt: at, finishedAt: null, error: null })
      .where(eq(jobs.id, id))
      .returning()
      .get();
  });
}

/**
 * Marks interrupted each queued or running job for which `deadReason` names why it has no live process (and says
 * so in its error); one immediate transaction, so a job claimed meanwhile is judged on its new row.
 */
export function interruptJobs(db: RewriteDatabase, deadReason: (row: JobRow) => string | undefined, now: Date): JobRow[] {
  return writeTransaction(db, () => {
    const active = db.select().from(jobs).where(inArray(jobs.status, [...ACTIVE_JOB_STATUSES])).all();
    return active.flatMap((row) => {
      const reason = deadReason(row);
      if (reason === undefined) return [];
      return [db.update(jobs).set({ status: "interrupted", error: reason, finishedAt: now.toISOString(), heartbeatAt: null }).where(eq(jobs.id, row.id)).returning().get()];
    });
  });
}
