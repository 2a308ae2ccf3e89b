// Five clicks on "Re-simulate" (or five tabs) with the same text are one simulation: a request identical to a
// running explorer job (same cache, latent, explanation text, simulator, pack and tie rule) joins that job and follows its
// events, instead of paying the LLM five times.
import type { RewriteDatabase } from "@/db/client";
import { explanationHistory } from "@/db/explanations";
import { listJobs } from "@/db/jobs";
import { deadJobReason } from "@/lib/jobs/job-liveness";
import { livenessCheck } from "@/lib/jobs/job-runner";
import { EXPLORER_JOB_KIND, explorerJobParamsSchema } from "./explorer-job";

export interface ExplorerSimulationKey {
  readonly cacheId: number;
  readonly latent: number;
  readonly text: string;
  readonly simulatorId: string;
  readonly packDir: string | null;
  readonly tieRule: string;
}

/** The live explorer job simulating exactly this request, with the version it simulates; undefined when none runs. */
export function runningExplorerJob(db: RewriteDatabase, key: ExplorerSimulationKey): { jobId: number; explanationId: number } | undefined {
  const check = livenessCheck();
  const texts = new Map(explanationHistory(db, key.cacheId, key.latent).map((row) => [row.id, row.text]));
  for (const job of listJobs(db, { kind: EXPLORER_JOB_KIND, statuses: ["queued", "running"], limit: 1000 })) {
    if (deadJobReason(job, check) !== undefined) continue;
    const params = explorerJobParamsSchema.safeParse(JSON.parse(job.paramsJson));
    if (!params.success) continue;
    const { cacheId, latent, explanationId, simulatorId, packDir, tieRule } = params.data;
    const same = cacheId === key.cacheId && latent === key.latent && simulatorId === key.simulatorId && packDir === key.packDir;
    if (same && tieRule === key.tieRule && texts.get(explanationId) === key.text) {
      return { jobId: job.id, explanationId };
    }
  }
  return undefined;
}
