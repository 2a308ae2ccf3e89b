import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { listJobs } from "@/db/jobs";
import { interruptDeadJobs } from "./interrupt-dead-jobs";
import { runNewJob } from "./job-runner";
import { countingLocked, FIXTURE_LATENTS, seedWriterFixture, webWrites } from "./testing/concurrent-writes";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("a CLI stage and the web server writing one SQLite file at once", () => {
  it("never see \"database is locked\": every write waits for the other process's commit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-concurrent-"));
    dirs.push(dir);
    const dbPath = join(dir, "rewrite.sqlite");
    // Both open the new file at once: the migrations race too.
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "testing", "stage-writer.child.ts"), dbPath, "400"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const db = openDatabase(dbPath);
    const web = { writes: 0, locked: 0 };
    countingLocked(() => seedWriterFixture(db), web);
    let round = 0;
    let running = true;
    void exited.then(() => (running = false));
    // The web side keeps writing until the stage is done: edits, version switches, scores, jobs, sweeps.
    while (running || round < 50) {
      countingLocked(() => webWrites(db, round), web);
      if (round % 10 === 0) {
        await runNewJob(db, "explore-like", { round }, async ({ report }) => report(1, 1));
        countingLocked(() => interruptDeadJobs(db), web);
      }
      round += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited, stderr).toBe(0);
    const stage = JSON.parse(stdout.trim().split("\n").at(-1) as string) as { writes: number; locked: number; job: string };
    expect({ stageLocked: stage.locked, webLocked: web.locked, stageJob: stage.job }).toEqual({ stageLocked: 0, webLocked: 0, stageJob: "done" });
    expect(stage.writes).toBe(401);
    expect(web.writes).toBeGreaterThan(50);
    // Nothing was lost: every explanation of both sides is stored, each latent has exactly one current version.
    const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM explanations WHERE source_kind = 'llm'")).toBe(400);
    expect(count("SELECT count(*) FROM explanations WHERE source_kind = 'user'")).toBe(round);
    expect(count("SELECT count(*) FROM predictions")).toBe(400 * 16);
    expect(count("SELECT count(DISTINCT latent) FROM explanations WHERE is_current = 1")).toBe(FIXTURE_LATENTS);
    expect(count("SELECT count(*) FROM explanations WHERE is_current = 1")).toBe(FIXTURE_LATENTS);
    expect(listJobs(db, { statuses: ["queued", "running", "failed", "interrupted"] })).toEqual([]);
    db.$client.close();
  });
});
