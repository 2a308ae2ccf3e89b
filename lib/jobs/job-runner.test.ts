import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { findJob, listJobs, updateJob, type JobRow } from "@/db/jobs";
import { onJobUpdate } from "./job-events";
import { enqueueJob, resumeInterruptedJobs, runJob, runNewJob, type JobHandler } from "./job-runner";

let dir: string;
let db: RewriteDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-jobs-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts 0…total, resuming at the persisted progress; records what it was asked to do. */
function countingHandler(calls: { from: number }[]): JobHandler<{ total: number }> {
  return async ({ params, resumeFrom, report }) => {
    calls.push({ from: resumeFrom.done });
    for (let done = resumeFrom.done + 1; done <= params.total; done++) report(done, params.total, `step ${done}`);
  };
}

describe("the job runner", () => {
  it("runs a job to done with its progress persisted and emitted", async () => {
    const seen: JobRow["status"][] = [];
    const off = onJobUpdate((job) => seen.push(job.status));
    const calls: { from: number }[] = [];
    const job = await runNewJob(db, "count", { total: 5 }, countingHandler(calls), { reportEveryMs: 0 });
    off();
    expect(job.status).toBe("done");
    expect([job.progressDone, job.progressTotal, job.message]).toEqual([5, 5, "step 5"]);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    expect(seen[0]).toBe("queued");
    expect(seen.at(-1)).toBe("done");
    expect(seen.filter((s) => s === "running").length).toBeGreaterThan(1);
  });

  it("records a failure with the handler's message", async () => {
    const job = await runNewJob(db, "broken", {}, async () => {
      throw new Error("corpus.json: document 12 has the wrong sha256");
    });
    expect(job.status).toBe("failed");
    expect(job.error).toBe("corpus.json: document 12 has the wrong sha256");
    expect(listJobs(db, { statuses: ["failed"] }).map((j) => j.id)).toEqual([job.id]);
  });

  it("resumes a job whose process was killed mid-way from its persisted progress", async () => {
    // What a kill leaves behind: running, 3 of 8 done, heartbeat 10 minutes old.
    const job = enqueueJob(db, "count", { total: 8 }, new Date("2026-01-01T00:00:00Z"));
    updateJob(db, job.id, { status: "running", progressDone: 3, progressTotal: 8, heartbeatAt: "2026-01-01T00:00:00.000Z" });
    // A second, live job (fresh heartbeat) must be left alone.
    const live = enqueueJob(db, "count", { total: 8 });
    updateJob(db, live.id, { status: "running", heartbeatAt: new Date().toISOString() });
    const calls: { from: number }[] = [];
    const resumed = await resumeInterruptedJobs(db, { count: countingHandler(calls) as JobHandler<never> });
    expect(resumed.map((j) => j.id)).toEqual([job.id]);
    expect(calls).toEqual([{ from: 3 }]);
    expect(findJob(db, job.id)?.status).toBe("done");
    expect(findJob(db, job.id)?.progressDone).toBe(8);
    expect(findJob(db, live.id)?.status).toBe("running");
  });

  it("does not run a job another live process holds", async () => {
    const job = enqueueJob(db, "count", { total: 2 });
    updateJob(db, job.id, { status: "running", heartbeatAt: new Date().toISOString() });
    const calls: { from: number }[] = [];
    const row = await runJob(db, job.id, countingHandler(calls));
    expect(calls).toEqual([]);
    expect(row.status).toBe("running");
  });

  it("marks an aborted job failed with a message that says it can be resumed", async () => {
    const controller = new AbortController();
    const job = await runNewJob(
      db,
      "count",
      { total: 4 },
      async ({ signal, report }) => {
        report(1, 4);
        controller.abort();
        signal.throwIfAborted();
      },
      { signal: controller.signal, reportEveryMs: 0 },
    );
    expect(job.status).toBe("failed");
    expect(job.progressDone).toBe(1);
    expect(job.error).toMatch(/resume from its last progress/);
  });
});
