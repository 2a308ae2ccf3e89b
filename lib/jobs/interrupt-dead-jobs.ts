import type { RewriteDatabase } from "@/db/client";
import { interruptJobs, type JobRow } from "@/db/jobs";
import { emitJobUpdate } from "./job-events";
import { deadJobReason } from "./job-liveness";
import { livenessCheck, type RunJobOptions } from "./job-runner";

/**
 * At start-up (server and CLI) and periodically in the server: every queued or running job whose process is gone
 * (dead pid on this host, or a stale heartbeat) becomes interrupted, with why. Returns those jobs.
 */
export function interruptDeadJobs(db: RewriteDatabase, options: Pick<RunJobOptions, "now" | "staleAfterMs"> = {}): JobRow[] {
  const check = livenessCheck(options);
  const interrupted = interruptJobs(db, (row) => deadJobReason(row, check), check.now);
  interrupted.forEach(emitJobUpdate);
  return interrupted;
}
