// Whether a queued or running job still has a live process: pure, so the start-up sweep, the claim of a job and
// the /jobs page apply the same rule. A job is dead when its heartbeat is stale, or when its owner ran on this
// host and that pid is gone (or is this very process, restarted under the same pid).
import type { JobOwner, JobRow } from "@/db/jobs";

export interface LivenessCheck {
  now: Date;
  /** A heartbeat older than this means the owner stopped (killed, frozen, or on another host). */
  staleAfterMs: number;
  self: JobOwner & { startedAt: Date };
  isPidAlive: (pid: number) => boolean;
}

/** A job's last sign of life: its heartbeat, else when it was claimed or queued. */
function lastSeen(job: JobRow): string {
  return job.heartbeatAt ?? job.startedAt ?? job.createdAt;
}

/** Why a queued or running job has no live process; undefined while it may still be running (or is finished). */
export function deadJobReason(job: JobRow, check: LivenessCheck): string | undefined {
  if (job.status !== "queued" && job.status !== "running") return undefined;
  const seen = lastSeen(job);
  const onThisHost = job.ownerHost === check.self.host && job.ownerPid !== null;
  if (onThisHost && job.ownerPid === check.self.pid) {
    return Date.parse(seen) < check.self.startedAt.getTime() ? `its process (pid ${job.ownerPid}) was restarted before the job finished` : undefined;
  }
  if (onThisHost && !check.isPidAlive(job.ownerPid as number)) return `its process (pid ${job.ownerPid} on ${job.ownerHost}) ended before the job finished`;
  const ageMs = check.now.getTime() - Date.parse(seen);
  if (ageMs > check.staleAfterMs) return `no heartbeat from its process since ${seen} (${Math.round(ageMs / 1000)} s)`;
  return undefined;
}

/** Whether this process may (re)start the job: not finished, and nobody else alive holds it. */
export function isClaimable(job: JobRow, check: LivenessCheck): boolean {
  if (job.status === "interrupted" || job.status === "failed") return true;
  if (job.status === "queued" && job.ownerPid === check.self.pid && job.ownerHost === check.self.host) return true;
  return deadJobReason(job, check) !== undefined;
}
