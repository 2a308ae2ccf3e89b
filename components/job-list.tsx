"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";
import type { JobView } from "@/lib/jobs/job-view";
import type { JobListItem } from "@/lib/pipeline/job-list-views";
import styles from "./latent-browser.module.css";

async function fetchJobs(): Promise<JobListItem[]> {
  return (await fetchJson<{ jobs: JobListItem[] }>("/api/jobs")).jobs;
}

async function resumeJob(id: number): Promise<JobView> {
  return (await fetchJson<{ job: JobView }>(`/api/jobs/${id}/resume`, { method: "POST", body: {} })).job;
}

/** Restarts an interrupted or failed job in the server; the list refreshes to show it running. */
function ResumeButton({ job }: { job: JobView }) {
  const queryClient = useQueryClient();
  const resume = useMutation({ mutationFn: () => resumeJob(job.id), onSettled: () => queryClient.invalidateQueries({ queryKey: ["jobs"] }) });
  return (
    <>
      <button type="button" onClick={() => resume.mutate()} disabled={resume.isPending} data-testid="resume-job">
        {resume.isPending ? "Resuming…" : "Resume"}
      </button>
      {resume.error ? <div className={styles.error}>{resume.error.message}</div> : null}
    </>
  );
}

/** A job's progress bar with "done / total", or a dash before it reports any. */
export function JobProgress({ job }: { job: Pick<JobView, "progressDone" | "progressTotal"> }) {
  if (job.progressTotal <= 0) return <span className="muted">–</span>;
  const fraction = Math.min(1, job.progressDone / job.progressTotal);
  return (
    <span style={{ display: "flex", alignItems: "center", gap: "0.5rem" }}>
      <span className={styles.progressTrack} role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={job.progressTotal} aria-valuenow={job.progressDone}>
        <span className={styles.progressFill} style={{ display: "block", width: `${(fraction * 100).toFixed(1)}%` }} />
      </span>
      <span className={styles.numeric}>
        {job.progressDone.toLocaleString("en-US")} / {job.progressTotal.toLocaleString("en-US")}
      </span>
    </span>
  );
}

/** Jobs, newest first; refreshed every 2 s while any is queued or running. */
export function JobList({ initialJobs }: { initialJobs: JobListItem[] }) {
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
            <th>Made</th>
            <th>Started</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="job-row" data-status={job.status}>
              <td className={styles.numeric}>{job.id}</td>
              <td>{job.kind}</td>
              <td>
                {job.status}
                {job.resumable ? <ResumeButton job={job} /> : null}
              </td>
              <td>
                <JobProgress job={job} />
              </td>
              <td>{job.error ? <span className={styles.error}>{job.error}</span> : (job.message ?? "")}</td>
              <td data-testid="job-outputs">
                {job.outputs.map((output, i) => (
                  <span key={output.href}>
                    {i > 0 ? ", " : ""}
                    <a href={output.href}>{output.label}</a>
                  </span>
                ))}
              </td>
              <td>{job.startedAt?.replace("T", " ").slice(0, 19) ?? "–"}</td>
              <td>{job.finishedAt?.replace("T", " ").slice(0, 19) ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
