// Long stages (cache, explain, score, simulate, evaluate) run as jobs: persisted in SQLite with their progress, an
// owner (pid + host) and a heartbeat, shown on /jobs. Every job ends done, failed (with the reason) or interrupted
// (its process stopped or died); an interrupted job is resumed by a rerun of the same command or from /jobs, the
// handler continuing from its own persisted state (a cache manifest, a summary watermark, stored scores).
import type { RewriteDatabase } from "@/db/client";
import { claimJob, findJob, insertJob, listJobsWithParams, updateOwnedJob, type JobPatch, type JobRow } from "@/db/jobs";
import { emitJobUpdate } from "./job-events";
import { guardJobUntilExit } from "./job-exit-guard";
import { deadJobReason, isClaimable, type LivenessCheck } from "./job-liveness";
import { isPidAlive, thisProcess } from "./job-owner";

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
  /** A queued or running job whose heartbeat is older than this has no live process (default 2 minutes). */
  staleAfterMs?: number;
  /** Minimum time between progress writes (default 500 ms). */
  reportEveryMs?: number;
}

export const DEFAULT_STALE_AFTER_MS = 120_000;

/** The liveness rule as this process applies it now. */
export function livenessCheck(options: Pick<RunJobOptions, "now" | "staleAfterMs"> = {}): LivenessCheck {
  return { now: (options.now ?? (() => new Date()))(), staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS, self: thisProcess(), isPidAlive };
}

export function enqueueJob(db: RewriteDatabase, kind: string, params: unknown, now = new Date()): JobRow {
  const job = insertJob(db, kind, params, thisProcess(), now);
  emitJobUpdate(job);
  return job;
}

/** Thrown into a handler whose job another process took over (its heartbeat looked stale). */
class JobTakenOverError extends Error {}

/**
 * Runs a queued, failed or interrupted job (or one whose process died) to its end with `handler`; returns its
 * final row. Resolves to the row unchanged when another live process holds the job. A handler error marks the job
 * failed with its message; `options.signal` aborting marks it interrupted.
 */
export async function runJob<P>(db: RewriteDatabase, jobId: number, handler: JobHandler<P>, options: RunJobOptions = {}): Promise<JobRow> {
  const before = findJob(db, jobId);
  if (!before) throw new Error(`job ${jobId} does not exist`);
  return (await runIfClaimed(db, before, handler, options)) ?? findJob(db, jobId) ?? before;
}

/** runJob's work; undefined when the job could not be claimed. */
async function runIfClaimed<P>(db: RewriteDatabase, before: JobRow, handler: JobHandler<P>, options: RunJobOptions): Promise<JobRow | undefined> {
  const jobId = before.id;
  const now = options.now ?? (() => new Date());
  const owner = thisProcess();
  const claimed = claimJob(db, jobId, owner, now(), (row) => isClaimable(row, livenessCheck(options)));
  if (!claimed) return undefined;
  emitJobUpdate(claimed);
  const releaseGuard = guardJobUntilExit(db, jobId, owner);
  const controller = new AbortController();
  let latest = claimed;
  // Writes only while this process still owns the job; a job taken over stops its handler here.
  const save = (patch: JobPatch): void => {
    const row = updateOwnedJob(db, jobId, owner, patch);
    if (!row) {
      controller.abort(new JobTakenOverError(`job ${jobId} was taken over or marked interrupted by another process`));
      return;
    }
    latest = row;
    emitJobUpdate(row);
  };
  const reportEveryMs = options.reportEveryMs ?? 500;
  let lastWrite = 0;
  // The latest throttled-away report, written when the job ends so its final progress is on record.
  let pending: JobPatch = {};
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) onAbort();
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  // Keeps the heartbeat fresh while a handler computes between reports: several beats per stale period.
  const heartbeat = setInterval(() => save({ heartbeatAt: now().toISOString() }), Math.max(1000, Math.min(30_000, staleAfterMs / 4)));
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
        save({ ...pending, heartbeatAt: at.toISOString() });
        pending = {};
      },
    });
    controller.signal.throwIfAborted();
    save({ ...pending, status: "done", finishedAt: now().toISOString(), heartbeatAt: null });
  } catch (error) {
    if (!(controller.signal.reason instanceof JobTakenOverError)) {
      const end = { ...pending, finishedAt: now().toISOString(), heartbeatAt: null };
      save(
        controller.signal.aborted
          ? { ...end, status: "interrupted", error: `${describe(controller.signal.reason ?? error)} before finishing; finished work is kept: resume it from /jobs or run the same command again` }
          : { ...end, status: "failed", error: describe(error) },
      );
    }
  } finally {
    clearInterval(heartbeat);
    releaseGuard();
    options.signal?.removeEventListener("abort", onAbort);
  }
  return controller.signal.reason instanceof JobTakenOverError ? (findJob(db, jobId) ?? latest) : latest;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a stage as a job (the CLI's path): adopts the job an interrupted run of the same kind and parameters left
 * behind, so a rerun continues that row instead of starting a second one; otherwise enqueues a new job. Refuses
 * while a live process runs the same job. Returns the final row.
 */
export async function runNewJob<P>(db: RewriteDatabase, kind: string, params: P, handler: JobHandler<P>, options: RunJobOptions = {}): Promise<JobRow> {
  const check = livenessCheck(options);
  const same = listJobsWithParams(db, kind, params);
  const live = same.find((job) => (job.status === "queued" || job.status === "running") && deadJobReason(job, check) === undefined);
  if (live) {
    throw new Error(`job ${live.id} (${kind}, same parameters) is already ${live.status} in process ${live.ownerPid} on ${live.ownerHost}; wait for it on /jobs or stop that process`);
  }
  const adoptable = same.filter((job) => job.status === "interrupted" || deadJobReason(job, check) !== undefined).at(-1);
  const adopted = adoptable && (await runIfClaimed(db, adoptable, handler, options));
  if (adopted) return adopted;
  const job = enqueueJob(db, kind, params, (options.now ?? (() => new Date()))());
  return runJob(db, job.id, handler, options);
}
