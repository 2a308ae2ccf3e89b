import { describe, expect, it } from "vitest";
import { knowsExplorerJob, publishExplorerEvent, subscribeExplorerEvents, type ExplorerEvent } from "./explorer-events";

describe("explorer events", () => {
  it("replays the latest progress and partial result to a late subscriber, then streams the outcome", () => {
    const job = 900_001;
    expect(knowsExplorerJob(job)).toBe(false);
    publishExplorerEvent(job, { type: "progress", progress: { stage: "simulating", done: 100, total: 400 } });
    publishExplorerEvent(job, { type: "progress", progress: { stage: "simulating", done: 200, total: 400 } });
    publishExplorerEvent(job, { type: "partial", partial: { done: 200, total: 400, cdfs: { true: [], predicted: [] }, correlation: 0.5 } });
    const seen: ExplorerEvent[] = [];
    const stop = subscribeExplorerEvents(job, (e) => seen.push(e));
    expect(seen.map((e) => (e.type === "progress" ? e.progress.done : e.type))).toEqual([200, "partial"]);
    publishExplorerEvent(job, { type: "failed", error: "boom" });
    expect(seen.at(-1)).toEqual({ type: "failed", error: "boom" });
    stop();
    publishExplorerEvent(job, { type: "progress", progress: { stage: "scoring", done: 0, total: 1 } });
    expect(seen).toHaveLength(3);
    expect(knowsExplorerJob(job)).toBe(true);
  });
});
