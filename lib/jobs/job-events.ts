// In-process job updates, for server-sent events: every persisted change of a job is also emitted here.
import { EventEmitter } from "node:events";
import type { JobRow } from "@/db/jobs";

const holder = globalThis as unknown as { rewriteJobEvents?: EventEmitter };

function emitter(): EventEmitter {
  if (!holder.rewriteJobEvents) {
    holder.rewriteJobEvents = new EventEmitter();
    holder.rewriteJobEvents.setMaxListeners(100);
  }
  return holder.rewriteJobEvents;
}

export function emitJobUpdate(job: JobRow): void {
  emitter().emit("job", job);
}

/** Calls `listener` with each job update in this process; returns the unsubscribe function. */
export function onJobUpdate(listener: (job: JobRow) => void): () => void {
  emitter().on("job", listener);
  return () => emitter().off("job", listener);
}
