// "Build its cache" on /packs and /latents: the cache stage (what `rewrite cache --coder <hookpoint>` runs) as a
// job of this server, with the CLI's parameters, so /jobs shows its progress and a CLI rerun adopts it if it dies.
import type { RewriteDatabase } from "@/db/client";
import { listJobsWithParams, type JobRow } from "@/db/jobs";
import { CACHE_JOB_KIND, DEFAULT_CACHE_TOKENS, type CacheJobParams } from "@/lib/cache/cache-job";
import { deadJobReason } from "@/lib/jobs/job-liveness";
import { enqueueJob, livenessCheck, runJob } from "@/lib/jobs/job-runner";
import type { OpenedPack } from "@/lib/packs/open-pack";
import { serverJobHandlers } from "./server-job-handlers";

export interface CacheBuildRequest {
  hookpoint: string;
  numTokens?: number;
}

export type CacheBuildOutcome =
  | { ok: true; job: JobRow; /** An identical build was already running: its job, not a second one. */ joined: boolean }
  | { ok: false; status: 400; error: string };

export function startCacheBuild(db: RewriteDatabase, pack: OpenedPack, request: CacheBuildRequest): CacheBuildOutcome {
  const coder = pack.pack.coders.find((c) => c.hookpoint === request.hookpoint);
  if (!coder) {
    return { ok: false, status: 400, error: `the pack "${pack.pack.name}" has no coder at "${request.hookpoint}"; its coders are ${pack.pack.coders.map((c) => c.hookpoint).join(", ")}` };
  }
  if (!pack.manifest.corpus) return { ok: false, status: 400, error: `the pack "${pack.pack.name}" names no corpus in its pack.json, so there is nothing to cache activations on` };
  const params: CacheJobParams = { packDir: pack.dir, hookpoint: coder.hookpoint, numTokens: request.numTokens ?? DEFAULT_CACHE_TOKENS, seed: 0 };
  const check = livenessCheck();
  const live = listJobsWithParams(db, CACHE_JOB_KIND, params).find((job) => (job.status === "queued" || job.status === "running") && deadJobReason(job, check) === undefined);
  if (live) return { ok: true, job: live, joined: true };
  const job = enqueueJob(db, CACHE_JOB_KIND, params);
  // Runs in this server's process after the answer is sent (loading the pack's graphs takes seconds); its outcome
  // (done, failed with why) is on the job row that /jobs shows.
  setTimeout(() => void runJob(db, job.id, serverJobHandlers(db)[CACHE_JOB_KIND]), 0);
  return { ok: true, job, joined: false };
}
