// Resume from /jobs: the server restarts an interrupted (or failed) job in its own process with the handler of its
// kind, continuing from the job's persisted state. The claim happens before this returns, so a second click or a
// CLI rerun finds the job running instead of starting it twice.
import type { RewriteDatabase } from "@/db/client";
import { findJob, type JobRow } from "@/db/jobs";
import { isClaimable } from "./job-liveness";
import { livenessCheck, runJob, type JobHandler, type RunJobOptions } from "./job-runner";

export type ResumeOutcome = { ok: true; job: JobRow; finished: Promise<JobRow> } | { ok: false; status: 404 | 409; error: string };

export function resumeJob(db: RewriteDatabase, id: number, handlers: Readonly<Record<string, JobHandler<unknown>>>, options: RunJobOptions = {}): ResumeOutcome {
  const job = findJob(db, id);
  if (!job) return { ok: false, status: 404, error: `no job ${id}` };
  const handler = handlers[job.kind];
  if (!handler) return { ok: false, status: 409, error: `jobs of kind "${job.kind}" cannot be resumed here; run their command again` };
  if (job.status === "done") return { ok: false, status: 409, error: `job ${id} is done; there is nothing to resume` };
  if (!isClaimable(job, livenessCheck(options))) {
    return { ok: false, status: 409, error: `job ${id} is ${job.status} in process ${job.ownerPid} on ${job.ownerHost}; wait for it or stop that process` };
  }
  const finished = runJob(db, id, handler, options);
  const claimed = findJob(db, id);
  if (claimed?.status !== "running" || claimed.ownerPid !== process.pid) {
    return { ok: false, status: 409, error: `job ${id} was claimed by another process (pid ${claimed?.ownerPid}) first` };
  }
  return { ok: true, job: claimed, finished };
}
