// What every process of the app does once when it starts (the server in instrumentation.ts, each CLI command):
// register the known packs (the only place a GET used to write them), and mark interrupted the jobs a dead process
// left queued or running. The server repeats the sweep, so a CLI killed while the server runs is found too.
import type { RewriteDatabase } from "@/db/client";
import type { JobRow } from "@/db/jobs";
import { interruptDeadJobs } from "@/lib/jobs/interrupt-dead-jobs";
import { DEFAULT_STALE_AFTER_MS } from "@/lib/jobs/job-runner";
import { registerKnownPacks } from "@/lib/packs/pack-registry";

export function atProcessStart(db: RewriteDatabase): { interrupted: JobRow[] } {
  registerKnownPacks(db, new Date());
  return { interrupted: interruptDeadJobs(db) };
}

/** The server's periodic sweep; returns the function that stops it. */
export function sweepDeadJobsEvery(db: RewriteDatabase, everyMs = DEFAULT_STALE_AFTER_MS / 2): () => void {
  const timer = setInterval(() => interruptDeadJobs(db), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
