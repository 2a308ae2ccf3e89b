// What /jobs and GET /api/jobs list: jobs newest first as views, a dead process's job shown as interrupted, each
// with links to what it made.
import { listActivationCaches } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listEvaluationRuns } from "@/db/evaluation-runs";
import { findJob, listJobs, type JobRow, type JobStatus } from "@/db/jobs";
import { livenessCheck } from "@/lib/jobs/job-runner";
import { jobView, type JobView } from "@/lib/jobs/job-view";
import { jobOutputLinks, type JobOutputContext, type JobOutputLink } from "./job-output-links";
import { serverJobHandlers } from "./server-job-handlers";

export type JobListItem = JobView & { outputs: JobOutputLink[] };

function outputContext(db: RewriteDatabase): JobOutputContext {
  return {
    runs: listEvaluationRuns(db, { limit: 1000 })
      .filter((run) => run.status === "done")
      .map((run) => ({ id: run.id, createdAt: run.createdAt, hookpoint: (JSON.parse(run.configJson) as { inputs: { hookpoint?: string } }).inputs.hookpoint ?? "" })),
    cacheHookpoints: new Map(listActivationCaches(db).map((cache) => [cache.id, cache.hookpoint])),
  };
}

function itemsOf(db: RewriteDatabase, jobs: JobRow[]): JobListItem[] {
  const context = { check: livenessCheck(), resumableKinds: new Set(Object.keys(serverJobHandlers(db))) };
  const outputs = outputContext(db);
  return jobs.map((job) => {
    const view = jobView(job, context);
    return { ...view, outputs: jobOutputLinks({ ...view, params: JSON.parse(job.paramsJson) as unknown }, outputs) };
  });
}

export function listJobViews(db: RewriteDatabase, options: { statuses?: readonly JobStatus[]; limit?: number } = {}): JobListItem[] {
  const wanted = options.statuses;
  // An interrupted job may still be stored as queued or running (its process died since the last sweep).
  const stored = wanted?.includes("interrupted") ? [...new Set([...wanted, "queued" as const, "running" as const])] : wanted;
  const views = itemsOf(db, listJobs(db, { statuses: stored, limit: options.limit }));
  return wanted ? views.filter((view) => wanted.includes(view.status)) : views;
}

export function findJobView(db: RewriteDatabase, id: number): JobListItem | undefined {
  const job = findJob(db, id);
  return job ? itemsOf(db, [job])[0] : undefined;
}
