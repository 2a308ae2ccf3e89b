"use client";

import { useQuery } from "@tanstack/react-query";
import styles from "./latent-browser.module.css";

/** A job as GET /api/jobs returns it. */
export interface JobView {
  id: number;
  kind: string;
  status: "queued" | "running" | "done" | "failed";
  progressDone: number;
  progressTotal: number;
  message: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

async function fetchJobs(): Promise<JobView[]> {
  const response = await fetch("/api/jobs");
  if (!response.ok) throw new Error(`GET /api/jobs answered ${response.status}`);
  return ((await response.json()) as { jobs: JobView[] }).jobs;
}

function Progress({ job }: { job: JobView }) {
  if (job.progressTotal <= 0) return <span className="muted">–</span>;
  const fraction = Math.min(1, job.progressDone / job.progressTotal);
  return (
    <span style={{ display: "flex", alignItems: "center", gap: "0.5rem" }}>
      <span className={styles.progressTrack} role="progressbar" aria-valuemin={0} aria-valuemax={job.progressTotal} aria-valuenow={job.progressDone}>
        <span className={styles.progressFill} style={{ display: "block", width: `${(fraction * 100).toFixed(1)}%` }} />
      </span>
      <span className={styles.numeric}>
        {job.progressDone.toLocaleString("en-US")} / {job.progressTotal.toLocaleString("en-US")}
      </span>
    </span>
  );
}

/** Jobs, newest first; refreshed every 2 s while any is queued or running. */
export function JobList({ initialJobs }: { initialJobs: JobView[] }) {
  const { data: jobs = initialJobs, error } = useQuery({
    queryKey: ["jobs"],
    queryFn: fetchJobs,
    initialData: initialJobs,
    refetchInterval: (query) => ((query.state.data ?? []).some((j) => j.status === "running" || j.status === "queued") ? 2000 : false),
  });
  if (jobs.length === 0) return <p className="muted" data-testid="no-jobs">No jobs yet. `npm run rewrite -- cache` and the start-up preparation create them.</p>;
  return (
    <>
      {error ? <p className={styles.error}>{error.message}</p> : null}
      <table data-testid="job-table">
        <thead>
          <tr>
            <th>Job</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Message / error</th>
            <th>Started</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="job-row" data-status={job.status}>
              <td className={styles.numeric}>{job.id}</td>
              <td>{job.kind}</td>
              <td>{job.status}</td>
              <td>
                <Progress job={job} />
              </td>
              <td>{job.status === "failed" ? <span className={styles.error}>{job.error}</span> : (job.message ?? "")}</td>
              <td>{job.startedAt?.replace("T", " ").slice(0, 19) ?? "–"}</td>
              <td>{job.finishedAt?.replace("T", " ").slice(0, 19) ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
