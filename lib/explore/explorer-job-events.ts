// The event stream of one explorer job as the SSE route serves it: live events when the job runs (or ran) in
// this process; for a job finished elsewhere (or before a restart), its outcome rebuilt from the database. The
// "done" event carries the latent's whole explorer data, so the page updates from it without fetching again.
import { findActivationCacheById } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import type { JobRow } from "@/db/jobs";
import { knowsExplorerJob, subscribeExplorerEvents, type ExplorerEvent } from "./explorer-events";
import { EXPLORER_JOB_KIND, explorerJobParamsSchema } from "./explorer-job";
import type { LatentExplorerData } from "./explorer-data";
import { explorerVersionById, latentExplorerData } from "./explorer-page-data";
import { explorerSimulator } from "./explorer-simulator";

/** An event as the stream sends it: "done" with the latent's explorer data after the new version was stored. */
export type ExplorerStreamEvent =
  | Exclude<ExplorerEvent, { type: "done" }>
  | (Extract<ExplorerEvent, { type: "done" }> & { readonly explorer: LatentExplorerData });

export interface ExplorerJobEvents {
  /** Sends the current state then each event; calls `end` after done / failed. Returns the unsubscribe function. */
  subscribe(send: (event: ExplorerStreamEvent) => void, end: () => void): () => void;
}

/** Adds the explorer data to a "done" event (every version, the new one included, as GET …/versions answers). */
function withExplorerData(db: RewriteDatabase, job: JobRow, event: ExplorerEvent): ExplorerStreamEvent {
  if (event.type !== "done") return event;
  const params = explorerJobParamsSchema.parse(JSON.parse(job.paramsJson));
  const cache = findActivationCacheById(db, params.cacheId);
  if (!cache) return { type: "failed", error: `activation cache ${params.cacheId} no longer exists; reload the page` };
  return { ...event, explorer: latentExplorerData(db, cache, params.latent, explorerSimulator().info) };
}

function storedOutcome(db: RewriteDatabase, job: JobRow): ExplorerEvent {
  if (job.status === "failed") return { type: "failed", error: job.error ?? "the simulation failed" };
  if (job.status !== "done") return { type: "failed", error: `job ${job.id} is ${job.status} in another process; reload the page when it has finished` };
  const params = explorerJobParamsSchema.parse(JSON.parse(job.paramsJson));
  const version = explorerVersionById(db, params.cacheId, params.latent, params.explanationId, explorerSimulator().info);
  if (!version) return { type: "failed", error: `explanation ${params.explanationId} no longer exists` };
  const elapsedMs = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : 0;
  return { type: "done", version, elapsedMs };
}

/** undefined when the job is not an explorer simulation. */
export function explorerJobEvents(db: RewriteDatabase, job: JobRow): ExplorerJobEvents | undefined {
  if (job.kind !== EXPLORER_JOB_KIND) return undefined;
  return {
    subscribe(sendStream, end) {
      const send = (event: ExplorerEvent) => sendStream(withExplorerData(db, job, event));
      let ended = false;
      const finish = () => {
        if (!ended) {
          ended = true;
          end();
        }
      };
      if (!knowsExplorerJob(job.id)) {
        send(storedOutcome(db, job));
        finish();
        return () => {};
      }
      const unsubscribe = subscribeExplorerEvents(job.id, (event) => {
        if (ended) return;
        send(event);
        if (event.type === "done" || event.type === "failed") {
          finish();
          queueMicrotask(() => unsubscribe());
        }
      });
      if (ended) unsubscribe();
      return () => {
        ended = true;
        unsubscribe();
      };
    },
  };
}
