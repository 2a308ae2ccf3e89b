// In-process events of running explorer simulations, for the SSE stream: each job's latest progress, partial
// result and outcome are kept, so a stream that connects late (or reconnects) starts from the current state.
import { EventEmitter } from "node:events";
import type { ExplorerProgress, ExplorerVersion, PartialSimulation } from "./explorer-data";

export type ExplorerEvent =
  | { readonly type: "progress"; readonly progress: ExplorerProgress }
  | { readonly type: "partial"; readonly partial: PartialSimulation }
  | { readonly type: "done"; readonly version: ExplorerVersion; readonly elapsedMs: number }
  | { readonly type: "failed"; readonly error: string };

interface JobState {
  progress?: ExplorerEvent;
  partial?: ExplorerEvent;
  outcome?: ExplorerEvent;
}

const holder = globalThis as unknown as { rewriteExplorerEvents?: { emitter: EventEmitter; states: Map<number, JobState> } };

function channel() {
  if (!holder.rewriteExplorerEvents) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(100);
    holder.rewriteExplorerEvents = { emitter, states: new Map() };
  }
  return holder.rewriteExplorerEvents;
}

// Finished jobs' states are kept for late streams, the newest few only.
const KEPT_STATES = 200;

export function publishExplorerEvent(jobId: number, event: ExplorerEvent): void {
  const { emitter, states } = channel();
  const state = states.get(jobId) ?? {};
  if (event.type === "progress") state.progress = event;
  else if (event.type === "partial") state.partial = event;
  else state.outcome = event;
  states.set(jobId, state);
  while (states.size > KEPT_STATES) states.delete(states.keys().next().value as number);
  emitter.emit(String(jobId), event);
}

/** Whether this process has seen events of the job (it ran or runs here). */
export function knowsExplorerJob(jobId: number): boolean {
  return channel().states.has(jobId);
}

/** Replays the job's current state to `listener`, then each new event; returns the unsubscribe function. */
export function subscribeExplorerEvents(jobId: number, listener: (event: ExplorerEvent) => void): () => void {
  const { emitter, states } = channel();
  const state = states.get(jobId);
  for (const event of [state?.progress, state?.partial, state?.outcome]) if (event) listener(event);
  emitter.on(String(jobId), listener);
  return () => emitter.off(String(jobId), listener);
}
