"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { JobProgress } from "@/components/job-list";
import { fetchJson } from "@/lib/http/fetch-json";
import type { JobListItem } from "@/lib/pipeline/job-list-views";
import styles from "../latent-browser.module.css";

/** The CLI's default (`rewrite cache --tokens`): 2^20 tokens. */
const DEFAULT_TOKENS = 1_048_576;

async function startBuild(hookpoint: string, numTokens: number): Promise<number> {
  return (await fetchJson<{ job: { id: number } }>("/api/packs/cache", { method: "POST", body: { hookpoint, numTokens } })).job.id;
}

async function fetchJob(id: number): Promise<JobListItem> {
  return (await fetchJson<{ job: JobListItem }>(`/api/jobs/${id}`)).job;
}

/** "Build its cache": starts the cache job, follows its progress every second, and reloads the page when it is done. */
export function BuildCacheButton({ hookpoint, runningJobId }: { hookpoint: string; runningJobId: number | null }) {
  const router = useRouter();
  const [jobId, setJobId] = useState<number | null>(runningJobId);
  const [tokens, setTokens] = useState(String(DEFAULT_TOKENS));
  const start = useMutation({ mutationFn: () => startBuild(hookpoint, Number(tokens)), onSuccess: setJobId });
  const job = useQuery({
    queryKey: ["job", jobId],
    queryFn: () => fetchJob(jobId as number),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && !["queued", "running"].includes(query.state.data.status) ? false : 1000),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === "done") router.refresh();
  }, [status, router]);
  if (jobId === null) {
    return (
      <div className={styles.jump}>
        <label>
          Tokens to cache
          <input type="number" min={16_384} step={16_384} value={tokens} onChange={(e) => setTokens(e.target.value)} data-testid={`build-cache-tokens-${hookpoint}`} />
        </label>
        <button type="button" onClick={() => start.mutate()} disabled={start.isPending} data-testid={`build-cache-${hookpoint}`}>
          {start.isPending ? "Starting…" : "Build its cache"}
        </button>
        {start.error ? (
          <p role="alert" className={styles.error}>
            {start.error.message}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div data-testid={`cache-build-${hookpoint}`} data-status={status ?? "queued"} role="status">
      <a href="/jobs">Job {jobId}</a>: {status ?? "queued"}
      {job.data?.message ? ` — ${job.data.message}` : ""}
      {job.data ? <JobProgress job={job.data} /> : null}
      {job.data?.error ? <p className={styles.error}>{job.data.error}</p> : null}
    </div>
  );
}
