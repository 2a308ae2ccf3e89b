// Re-simulate from the editor: the edited text becomes a new version (source "user", parent = the version it
// started from) unless it is that version's text unchanged, which is simulated again as is; then a job runs the
// simulation in this process and reports through the explorer's event channel. A request identical to a running
// simulation joins it (see explorer-job-join.ts).
import { type RewriteDatabase, writeTransaction } from "@/db/client";
import { addExplanation, explanationHistory } from "@/db/explanations";
import { enqueueJob, runJob } from "@/lib/jobs/job-runner";
import type { TieRule } from "@/lib/core/quantile-normalizer";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { publishExplorerEvent } from "./explorer-events";
import { EXPLORER_JOB_KIND, explorerJobHandler, type ExplorerJobParams } from "./explorer-job";
import { runningExplorerJob } from "./explorer-job-join";
import type { ExplorerSimulator } from "./explorer-simulator";

export interface StartSimulationRequest {
  readonly cacheId: number;
  readonly latent: number;
  readonly text: string;
  /** The version the edit started from; default the current one. */
  readonly parentId: number | null;
  readonly packDir: string | null;
  /** How the latent's quantile normalizer calibrates tied raw predictions. */
  readonly tieRule: TieRule;
}

export interface StartedSimulation {
  readonly jobId: number;
  readonly explanationId: number;
  /** False when the text was the parent's unchanged (no new version), or when the request joined a running job. */
  readonly createdVersion: boolean;
  /** True when an identical simulation was already running: this request follows that job. */
  readonly joined: boolean;
}

/** A request that names a version of another latent (the route answers 400 with the message). */
export class SimulationRequestError extends Error {}

export function startExplanationSimulation(
  db: RewriteDatabase,
  request: StartSimulationRequest,
  deps: { explorer: ExplorerSimulator; loadRuntime: (packDir: string) => PackRuntime },
): StartedSimulation {
  const { cacheId, latent, text } = request;
  // One immediate transaction: two processes (or two requests) cannot both miss the other's job and start their own.
  const started = writeTransaction(db, () => {
    const key = { cacheId, latent, text, simulatorId: deps.explorer.info.id, packDir: request.packDir, tieRule: request.tieRule };
    const running = runningExplorerJob(db, key);
    if (running) return { ...running, createdVersion: false, joined: true };
    const history = explanationHistory(db, cacheId, latent);
    const parent = request.parentId === null ? history.find((r) => r.isCurrent) : history.find((r) => r.id === request.parentId);
    if (request.parentId !== null && !parent) {
      throw new SimulationRequestError(`parentId ${request.parentId} is not a version of latent ${latent}; its versions are ${history.map((r) => r.id).join(", ") || "none"}`);
    }
    const unchanged = parent !== undefined && parent.text === text;
    const explanationId = unchanged
      ? parent.id
      : addExplanation(db, { cacheId, latent, text, sourceKind: "user", sourceDetail: null, parentId: parent?.id ?? null }, new Date()).id;
    const params: ExplorerJobParams = { cacheId, latent, explanationId, packDir: request.packDir, simulatorId: key.simulatorId, tieRule: request.tieRule };
    return { jobId: enqueueJob(db, EXPLORER_JOB_KIND, params).id, explanationId, createdVersion: !unchanged, joined: false };
  });
  if (started.joined) return started;
  const { jobId } = started;
  // Known to the event channel from now on, so a stream that connects before the first batch waits for it.
  publishExplorerEvent(jobId, { type: "progress", progress: { stage: "simulating", done: 0, total: 0 } });
  void runJob(db, jobId, explorerJobHandler({ db, ...deps })).then(
    (row) => {
      if (row.status !== "done") publishExplorerEvent(jobId, { type: "failed", error: row.error ?? `the simulation ended ${row.status}` });
    },
    (error: unknown) => publishExplorerEvent(jobId, { type: "failed", error: error instanceof Error ? error.message : String(error) }),
  );
  return started;
}
