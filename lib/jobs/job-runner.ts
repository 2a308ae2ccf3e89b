// Long stages (cache, explain, score, simulate) run as jobs: persisted in SQLite with their progress, shown on
// /jobs, and resumable: a job whose process died keeps its last progress and is picked up again, the handler
// continuing from its own persisted state (a cache manifest, a summary watermark) rather than from scratch.
import type { RewriteDatabase } from "@/db/client";
import { claimJob, findJob, insertJob, listInterruptedJobs, updateJob, type JobRow } from "@/db/jobs";
import { emitJobUpdate } from "./job-events";

export interface JobContext<P> {
  job: JobRow;
  params: P;
  /** Progress persisted by an earlier, interrupted run of this job (0/0 on a first run). */
  resumeFrom: { done: number; total: number };
  /** Persists progress (throttled) and refreshes the heartbeat. */
  report(done: number, total: number, message?: string): void;
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (context: JobContext<P>) => Promise<void>;

export interface RunJobOptions {
  signal?: AbortSignal;
  now?: () => Date;
  /** A running job whose heartbeat is older than this was killed (default 2 minutes). */
  staleAfterMs?: number;
  /** Minimum time between progress writes (default 500 ms). */
  reportEveryMs?: number;
}

const DEFAULT_STALE_AFTER_MS = 120_000;

function save(db: RewriteDatabase, id: number, patch: Parameters<typeof updateJob>[2]): JobRow {
  const job = updateJob(db, id, patch);
  emitJobUpdate(job);
  return job;
}

export function enqueueJob(db: RewriteDatabase, kind: string, params: unknown, now = new Date()): JobRow {
  const job = insertJob(db, kind, params, now);
  emitJobUpdate(job);
  return job;
}

/**
 * Runs a queued, failed or interrupted job to completion with `handler`; returns its final row. Resolves to the
 * row unchanged when another live process holds the job. A handler error marks the job failed with its message.
 */
export async function runJob<P>(db: RewriteDatabase, jobId: number, handler: JobHandler<P>, options: RunJobOptions = {}): Promise<JobRow> {
  const now = options.now ?? (() => new Date());
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const before = findJob(db, jobId);
  if (!before) throw new Error(`job ${jobId} does not exist`);
  const started = now();
  const claimed = claimJob(db, jobId, started, new Date(started.getTime() - staleAfterMs));
  if (!claimed) return before;
  emitJobUpdate(claimed);
  const reportEveryMs = options.reportEveryMs ?? 500;
  let lastWrite = 0;
  // The latest throttled-away report, written when the job ends so its final progress is on record.
  let pending: Parameters<typeof updateJob>[2] = {};
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) onAbort();
  // Keeps the heartbeat fresh while a handler computes between reports.
  const heartbeat = setInterval(() => save(db, jobId, { heartbeatAt: now().toISOString() }), Math.max(1000, staleAfterMs / 4));
  heartbeat.unref();
  try {
    await handler({
      job: claimed,
      params: JSON.parse(claimed.paramsJson) as P,
      resumeFrom: { done: before.progressDone, total: before.progressTotal },
      signal: controller.signal,
      report(done, total, message) {
        const at = now();
        pending = { ...pending, progressDone: done, progressTotal: total, ...(message !== undefined ? { message } : {}) };
        if (at.getTime() - lastWrite < reportEveryMs && done < total) return;
        lastWrite = at.getTime();
        save(db, jobId, { ...pending, heartbeatAt: at.toISOString() });
        pending = {};
      },
    });
    return save(db, jobId, { ...pending, status: "done", finishedAt: now().toISOString(), heartbeatAt: null });
  } catch (error) {
    const message = controller.signal.aborted
      ? `interrupted before finishing (${describe(error)}); run it again to resume from its last progress`
      : describe(error);
    return save(db, jobId, { ...pending, status: "failed", error: message, finishedAt: now().toISOString(), heartbeatAt: null });
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Enqueues and runs a job in this process (the CLI's path); returns the final row. */
export async function runNewJob<P>(db: RewriteDatabase, kind: string, params: P, handler: JobHandler<P>, options: RunJobOptions = {}): Promise<JobRow> {
  const job = enqueueJob(db, kind, params, (options.now ?? (() => new Date()))());
  return runJob(db, job.id, handler, options);
}

/**
 * At start-up: runs, one after another, the jobs a killed process left queued or running. Kinds without a
 * handler here are left alone (another face of the app owns them).
 */
export async function resumeInterruptedJobs(db: RewriteDatabase, handlers: Record<string, JobHandler<never>>, options: RunJobOptions = {}): Promise<JobRow[]> {
  const now = options.now ?? (() => new Date());
  const staleBefore = new Date(now().getTime() - (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS));
  const finished: JobRow[] = [];
  for (const job of listInterruptedJobs(db, staleBefore)) {
    const handler = handlers[job.kind] as JobHandler<unknown> | undefined;
    if (handler) finished.push(await runJob(db, job.id, handler, options));
  }
  return finished;
}
