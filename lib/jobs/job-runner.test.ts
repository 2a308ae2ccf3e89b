import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { findJob, listJobs, updateOwnedJob, type JobRow } from "@/db/jobs";
import { interruptDeadJobs } from "./interrupt-dead-jobs";
import { onJobUpdate } from "./job-events";
import { enqueueJob, runJob, runNewJob, type JobHandler } from "./job-runner";
import { resumeJob } from "./resume-job";

let dir: string;
let dbPath: string;
let db: RewriteDatabase;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-jobs-"));
  dbPath = join(dir, "rewrite.sqlite");
  db = openDatabase(dbPath);
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
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

/** Starts lib/jobs/testing/job-child.ts on our database; resolves with the child once its job is running. */
async function jobChild(mode: "hang" | "exit"): Promise<{ child: ChildProcess; jobId: number; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "testing", "job-child.ts"), dbPath, mode], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const jobId = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /job (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", () => reject(new Error(`the child exited before its job ran: ${stderr}`)));
  });
  return { child, jobId, exited };
}

/** Writes what a process that died mid-job leaves: running, some progress, its pid and heartbeat. */
function leftRunning(owner: { pid: number; host: string }, heartbeatAt: Date, params: unknown = { total: 8 }): JobRow {
  const job = enqueueJob(db, "count", params);
  db.$client
    .prepare("UPDATE jobs SET status = 'running', progress_done = 3, progress_total = 8, heartbeat_at = ?, started_at = ?, owner_pid = ?, owner_host = ? WHERE id = ?")
    .run(heartbeatAt.toISOString(), heartbeatAt.toISOString(), owner.pid, owner.host, job.id);
  return findJob(db, job.id) as JobRow;
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
    expect([job.ownerPid, job.ownerHost]).toEqual([process.pid, hostname()]);
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

  it("marks a stopped job interrupted, with its progress, even when the handler returns quietly", async () => {
    const controller = new AbortController();
    const job = await runNewJob(
      db,
      "count",
      { total: 4 },
      async ({ report }) => {
        report(1, 4);
        controller.abort(new Error("stopped by Ctrl-C"));
      },
      { signal: controller.signal, reportEveryMs: 0 },
    );
    expect(job.status).toBe("interrupted");
    expect(job.progressDone).toBe(1);
    expect(job.error).toBe("stopped by Ctrl-C before finishing; finished work is kept: resume it from /jobs or run the same command again");
  });

  it("does not run a job another live process on this host holds", async () => {
    // Our parent process is alive, and its heartbeat is fresh.
    const held = leftRunning({ pid: process.ppid, host: hostname() }, new Date());
    const calls: { from: number }[] = [];
    const row = await runJob(db, held.id, countingHandler(calls));
    expect(calls).toEqual([]);
    expect([row.status, row.ownerPid]).toEqual(["running", process.ppid]);
    await expect(runNewJob(db, "count", { total: 8 }, countingHandler(calls))).rejects.toThrow(new RegExp(`job ${held.id} \\(count, same parameters\\) is already running in process ${process.ppid}`));
    expect(listJobs(db)).toHaveLength(1);
  });

  it("stops a handler whose job another process took over, without overwriting that process's row", async () => {
    const handler: JobHandler = async ({ job, report, signal }) => {
      // Another process claims the job (it thought ours was dead).
      db.$client.prepare("UPDATE jobs SET owner_pid = ?, heartbeat_at = ? WHERE id = ?").run(process.ppid, new Date().toISOString(), job.id);
      report(1, 2);
      signal.throwIfAborted();
      report(2, 2);
    };
    const job = await runNewJob(db, "count", { total: 2 }, handler, { reportEveryMs: 0 });
    expect([job.status, job.ownerPid, job.progressDone]).toEqual(["running", process.ppid, 0]);
  });
});

describe("jobs whose process died", () => {
  it("are marked interrupted at start-up when their pid is gone or their heartbeat is stale; live and finished jobs are left alone", async () => {
    const { child, jobId: killedJob, exited } = await jobChild("hang");
    child.kill("SIGKILL");
    await exited;
    expect(findJob(db, killedJob)?.status).toBe("running");
    const otherHost = leftRunning({ pid: 1, host: "another-host" }, new Date(Date.now() - 10 * 60_000), { total: 9 });
    const live = leftRunning({ pid: process.ppid, host: hostname() }, new Date(), { total: 7 });
    const done = await runNewJob(db, "count", { total: 1 }, countingHandler([]));

    const interrupted = interruptDeadJobs(db);
    expect(interrupted.map((j) => j.id).sort()).toEqual([killedJob, otherHost.id].sort());
    expect(findJob(db, killedJob)).toMatchObject({ status: "interrupted", progressDone: 1, progressTotal: 10, heartbeatAt: null });
    expect(findJob(db, killedJob)?.error).toMatch(new RegExp(`its process \\(pid ${child.pid} on .*\\) ended before the job finished`));
    expect(findJob(db, otherHost.id)?.error).toMatch(/no heartbeat from its process since .* \(\d+ s\)/);
    expect(findJob(db, live.id)?.status).toBe("running");
    expect(findJob(db, done.id)?.status).toBe("done");
    expect(interruptDeadJobs(db)).toEqual([]);
  });

  it("are marked interrupted by their own process when it exits mid-job", async () => {
    const { jobId, exited } = await jobChild("exit");
    expect(await exited).toBe(3);
    expect(findJob(db, jobId)).toMatchObject({ status: "interrupted", progressDone: 2, error: "its process exited (code 3) before the job finished" });
  });

  it("are adopted by a rerun of the same command, which resumes from the persisted progress instead of adding a row", async () => {
    const dead = leftRunning({ pid: 1, host: "another-host" }, new Date(Date.now() - 10 * 60_000));
    interruptDeadJobs(db);
    const calls: { from: number }[] = [];
    const job = await runNewJob(db, "count", { total: 8 }, countingHandler(calls), { reportEveryMs: 0 });
    expect(job.id).toBe(dead.id);
    expect(calls).toEqual([{ from: 3 }]);
    expect([job.status, job.progressDone, job.error]).toEqual(["done", 8, null]);
    // Other parameters are another job.
    const other = await runNewJob(db, "count", { total: 9 }, countingHandler(calls));
    expect(other.id).not.toBe(dead.id);
    expect(listJobs(db)).toHaveLength(2);
  });

  it("are adopted even before a sweep marked them, when their process is gone", async () => {
    const dead = leftRunning({ pid: 1, host: "another-host" }, new Date(Date.now() - 10 * 60_000));
    const job = await runNewJob(db, "count", { total: 8 }, countingHandler([]));
    expect([job.id, job.status]).toEqual([dead.id, "done"]);
  });

  it("are resumed from /jobs: claimed before the answer, then run to done; finished, unknown and live jobs are refused", async () => {
    const dead = leftRunning({ pid: 1, host: "another-host" }, new Date(Date.now() - 10 * 60_000));
    interruptDeadJobs(db);
    const calls: { from: number }[] = [];
    const handlers = { count: countingHandler(calls) as JobHandler<unknown> };
    const outcome = resumeJob(db, dead.id, handlers, { reportEveryMs: 0 });
    if (!outcome.ok) throw new Error(outcome.error);
    expect([outcome.job.status, outcome.job.ownerPid]).toEqual(["running", process.pid]);
    const second = resumeJob(db, dead.id, handlers);
    expect(second).toMatchObject({ ok: false, status: 409 });
    expect(await outcome.finished).toMatchObject({ status: "done", progressDone: 8 });
    expect(calls).toEqual([{ from: 3 }]);
    expect(resumeJob(db, dead.id, handlers)).toMatchObject({ ok: false, status: 409, error: `job ${dead.id} is done; there is nothing to resume` });
    expect(resumeJob(db, 999, handlers)).toMatchObject({ ok: false, status: 404 });
    const unknown = enqueueJob(db, "mystery", {});
    expect(resumeJob(db, unknown.id, handlers)).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/kind "mystery" cannot be resumed here/) });
  });

  it("keeps a job's row its owner's: a process that lost the job cannot write to it", () => {
    const live = leftRunning({ pid: process.ppid, host: hostname() }, new Date());
    expect(updateOwnedJob(db, live.id, { pid: process.pid, host: hostname() }, { progressDone: 7 })).toBeUndefined();
    expect(findJob(db, live.id)?.progressDone).toBe(3);
  });
});
