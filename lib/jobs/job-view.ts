import type { JobRow } from "@/db/jobs";
import { deadJobReason, type LivenessCheck } from "./job-liveness";

export interface JobViewContext {
  check: LivenessCheck;
  /** Kinds this process has a handler for: their interrupted or failed jobs get a Resume button. */
  resumableKinds: ReadonlySet<string>;
}

/**
 * A job as the /jobs page and GET /api/jobs show it: no parameters blob, status and progress up front. A queued or
 * running job whose process is gone shows as interrupted (with why) before the next sweep writes it: reads never write.
 */
export function jobView(job: JobRow, context: JobViewContext) {
  const deadReason = deadJobReason(job, context.check);
  const status = deadReason === undefined ? job.status : "interrupted";
  return {
    id: job.id,
    kind: job.kind,
    status,
    progressDone: job.progressDone,
    progressTotal: job.progressTotal,
    message: job.message,
    error: deadReason ?? job.error,
    resumable: (status === "interrupted" || status === "failed") && context.resumableKinds.has(job.kind),
    ownerPid: job.ownerPid,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export type JobView = ReturnType<typeof jobView>;
