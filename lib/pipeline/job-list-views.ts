// What /jobs and GET /api/jobs list: jobs newest first as views, a dead process's job shown as interrupted.
import type { RewriteDatabase } from "@/db/client";
import { listJobs, type JobStatus } from "@/db/jobs";
import { livenessCheck } from "@/lib/jobs/job-runner";
import { jobView, type JobView } from "@/lib/jobs/job-view";
import { serverJobHandlers } from "./server-job-handlers";

export function listJobViews(db: RewriteDatabase, options: { statuses?: readonly JobStatus[]; limit?: number } = {}): JobView[] {
  const context = { check: livenessCheck(), resumableKinds: new Set(Object.keys(serverJobHandlers(db))) };
  const wanted = options.statuses;
  // An interrupted job may still be stored as queued or running (its process died since the last sweep).
  const stored = wanted?.includes("interrupted") ? [...new Set([...wanted, "queued" as const, "running" as const])] : wanted;
  const views = listJobs(db, { statuses: stored, limit: options.limit }).map((job) => jobView(job, context));
  return wanted ? views.filter((view) => wanted.includes(view.status)) : views;
}
