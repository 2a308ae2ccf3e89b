import type { JobRow } from "@/db/jobs";

/** A job as the /jobs page and GET /api/jobs show it: no parameters blob, status and progress up front. */
export function jobView(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progressDone: job.progressDone,
    progressTotal: job.progressTotal,
    message: job.message,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
