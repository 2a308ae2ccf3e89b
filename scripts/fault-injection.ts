// Fault injection: kill -9 of CLI stages and of the server mid-job, and the CLI and the server writing at once, on a
// copy of a prepared data folder. Counts what issue 14 asks about: jobs stuck "running" without a live process,
// committed rows lost, and "database is locked" errors; and checks that reruns adopt their interrupted job.
//   npx tsx scripts/fault-injection.ts --base <data folder filled by `rewrite prepare`> [--port 3917] [--keep]
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Harness,
  integrityOk,
  jobs,
  killHard,
  lockedErrors,
  request,
  rowCounts,
  runCli,
  sleep,
  startCli,
  startServer,
  type Started,
  waitFor,
} from "./fault-harness";
import { openDatabase } from "@/db/client";
import { isPidAlive } from "@/lib/jobs/job-owner";

interface FaultOutcome {
  fault: string;
  /** Jobs still queued or running after the next start-up, with no live process. */
  stuck: number;
  /** Committed rows that were gone after the kill and the restart. */
  lost: number;
  note: string;
}

const argv = process.argv.slice(2);
const option = (name: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const base = option("base");
if (!base) throw new Error("usage: npx tsx scripts/fault-injection.ts --base <data folder filled by `rewrite prepare`> [--port 3917] [--keep]");

const root = mkdtempSync(join(tmpdir(), "rewrite-faults-"));
const harness: Harness = { root, dataDir: join(root, "data"), port: Number(option("port") ?? 3917), logs: [] };
cpSync(base, harness.dataDir, { recursive: true });
// Migrated up front, so the probes below can read the columns the jobs use.
openDatabase(join(harness.dataDir, "rewrite.sqlite")).$client.close();
const outcomes: FaultOutcome[] = [];

function lostSince(committed: Record<string, number>): number {
  const now = rowCounts(harness);
  return Object.entries(committed).reduce((sum, [table, n]) => sum + (table === "jobs" ? 0 : Math.max(0, n - now[table])), 0);
}

/** Jobs queued or running whose process is gone (the harness runs every process on this host). */
function orphans(): number {
  return jobs(harness, "status IN ('queued', 'running')").filter((job) => job.owner_pid === null || !isPidAlive(job.owner_pid)).length;
}

const progressOf = (pid: number | undefined, at: number) => () => jobs(harness, "owner_pid = ? AND status = 'running' AND progress_done >= ?", pid, at).length > 0;

/** Starts a CLI stage, kills it with SIGKILL mid-job, checks the next start-up interrupts it and the rerun adopts it. */
async function killCliStage(fault: string, args: string[], progressAt: number): Promise<void> {
  const stage = startCli(harness, args);
  await waitFor(`${args[0]} to make progress`, 300_000, progressOf(stage.child.pid, progressAt));
  const [job] = jobs(harness, "owner_pid = ? AND status = 'running'", stage.child.pid);
  const committed = rowCounts(harness);
  await killHard(stage);
  const left = jobs(harness, "id = ?", job.id)[0].status;
  // The next start of any face of the app (here `pack list`) marks the job interrupted; a rerun adopts it.
  await runCli(harness, ["pack", "list"]);
  const afterStart = jobs(harness, "id = ?", job.id)[0];
  const rerun = await runCli(harness, args);
  const sameParams = jobs(harness, "kind = ? AND params_json = ?", job.kind, job.params_json);
  outcomes.push({
    fault,
    stuck: (afterStart.status === "interrupted" ? 0 : 1) + orphans(),
    lost: lostSince(committed),
    note: `job ${job.id} at ${job.progress_done}/${job.progress_total}: left ${left}, after start-up ${afterStart.status}; rerun exit ${rerun.code}, ${sameParams.length} row(s) for the command, final ${sameParams.at(-1)?.status} (job ${sameParams.at(-1)?.id})`,
  });
}

/** Explorer re-simulations through the server: identical ones should join; returns the distinct job ids. */
async function resimulate(latents: readonly number[], round: number, duplicates: number): Promise<number[]> {
  const posts = latents.flatMap((latent) =>
    Array.from({ length: latent === latents[0] ? duplicates : 1 }, () => request(harness, "POST", `/api/latents/${latent}/simulations`, { text: `fault round ${round}: tokens like ${latent}` })),
  );
  const answers = await Promise.all(posts);
  const bad = answers.filter((a) => a.status !== 202);
  if (bad.length > 0) throw new Error(`re-simulation refused: ${JSON.stringify(bad[0])}`);
  return [...new Set(answers.map((a) => a.body.jobId as number))];
}

/** Kills the server with SIGKILL while its explorer jobs run; the restarted server interrupts them; Resume finishes one. */
async function killServer(fault: string, round: number, server: Started): Promise<Started> {
  const before = jobs(harness).length;
  const latents = [10, 40, 70, 100, 130, 160].map((latent) => latent + round);
  const ids = await resimulate(latents, round, 4);
  const created = jobs(harness).length - before;
  await waitFor("the explorer jobs to run", 120_000, () => jobs(harness, `id IN (${ids.join(",")}) AND status = 'running'`).length > 0);
  const committed = rowCounts(harness);
  await killHard(server);
  const left = jobs(harness, `id IN (${ids.join(",")}) AND status IN ('queued', 'running')`).map((j) => j.id);
  const restarted = await startServer(harness);
  const interrupted = jobs(harness, `id IN (${left.join(",") || "0"}) AND status = 'interrupted'`).map((j) => j.id);
  let resumed = "nothing to resume";
  if (interrupted.length > 0) {
    const answer = await request(harness, "POST", `/api/jobs/${interrupted[0]}/resume`, {});
    await waitFor("the resumed job to end", 300_000, () => jobs(harness, "id = ? AND status != 'running'", interrupted[0]).length > 0);
    resumed = `resume ${answer.status}, job ${interrupted[0]} ended ${jobs(harness, "id = ?", interrupted[0])[0].status}`;
  }
  outcomes.push({
    fault,
    stuck: left.length - interrupted.length + orphans(),
    lost: lostSince(committed),
    note: `${latents.length + 3} requests (4 identical) made ${created} job(s); ${left.length} left running by the kill, ${interrupted.length} interrupted at restart; ${resumed}`,
  });
  return restarted;
}

/** The CLI stage and the server writing at once (re-simulations every 400 ms); the stage is killed mid-job and rerun. */
async function concurrentWriters(fault: string, args: string[], progressAt: number): Promise<void> {
  let writing = true;
  let round = 100;
  const refusals: string[] = [];
  const web = (async () => {
    while (writing) {
      const answer = await request(harness, "POST", `/api/latents/${(round * 37) % 500}/simulations`, { text: `concurrent edit ${round++}` }).catch((error: Error) => ({ status: 0, body: { error: error.message } }));
      if (answer.status !== 202) refusals.push(JSON.stringify(answer.body).slice(0, 200));
      await request(harness, "GET", "/api/jobs?limit=20").catch(() => undefined);
      await sleep(400);
    }
  })();
  await killCliStage(fault, args, progressAt);
  writing = false;
  await web;
  await waitFor("the explorer jobs to end", 600_000, () => jobs(harness, "kind = 'explore-simulation' AND status IN ('queued', 'running')").length === 0);
  const last = outcomes[outcomes.length - 1];
  last.note += `; ${round - 100} re-simulations posted meanwhile, ${refusals.length} refused${refusals.length ? ` (${refusals[0]})` : ""}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Fault injection on a copy of ${base} in ${root}`);
  const score = ["score", "--baseline", "--force", "--latents", "0-2999", "--activating", "20", "--non-activating", "20"];
  const simulate = ["simulate", "--baseline", "--latents", "0-299", "--tokens", "1000", "--seed", "7"];
  const explain = ["explain", "--baseline", "--force", "--latents", "0-1999"];
  await killCliStage("kill -9 `rewrite score` mid-job", score, 300);
  await killCliStage("kill -9 `rewrite simulate` mid-job", simulate, 30_000);
  await killCliStage("kill -9 `rewrite explain` mid-job", explain, 300);
  await killCliStage("kill -9 `rewrite cache` mid-job (SAE coder)", ["cache", "--coder", "layers.2", "--tokens", "131072"], 200);
  let server = await startServer(harness);
  for (let round = 1; round <= 3; round++) server = await killServer(`kill -9 the server mid re-simulation (round ${round})`, round, server);
  await concurrentWriters("kill -9 `rewrite score` while the server writes", score, 300);
  await concurrentWriters("kill -9 `rewrite simulate` while the server writes", ["simulate", "--baseline", "--latents", "0-299", "--tokens", "1000", "--seed", "8"], 30_000);
  // Both at once: the server with explorer jobs and a CLI stage, killed together.
  const stage = startCli(harness, ["simulate", "--baseline", "--latents", "0-299", "--tokens", "1000", "--seed", "9"]);
  await waitFor("the stage to make progress", 300_000, progressOf(stage.child.pid, 20_000));
  const explorerIds = await resimulate([200, 230, 260, 290], 9, 2);
  const committed = rowCounts(harness);
  const [stageJob] = jobs(harness, "owner_pid = ? AND status = 'running'", stage.child.pid);
  await Promise.all([killHard(stage), killHard(server)]);
  const leftTogether = jobs(harness, "status IN ('queued', 'running')").length;
  server = await startServer(harness);
  const statuses = jobs(harness, `id IN (${[stageJob.id, ...explorerIds].join(",")})`).map((j) => `${j.id} ${j.status}`);
  outcomes.push({ fault: "kill -9 the server and a CLI stage together", stuck: orphans(), lost: lostSince(committed), note: `${leftTogether} job(s) left running; after the server's restart: ${statuses.join(", ")}` });
  await killHard(server);
  await runCli(harness, ["pack", "list"]);

  const unfinished = jobs(harness, "status IN ('queued', 'running')").length;
  const withoutReason = jobs(harness, "status IN ('failed', 'interrupted') AND (error IS NULL OR error = '')").length;
  const byStatus = jobs(harness).reduce<Record<string, number>>((counts, job) => ({ ...counts, [job.status]: (counts[job.status] ?? 0) + 1 }), {});
  console.log("\n| fault | stuck jobs | rows lost | notes |\n|---|---|---|---|");
  for (const o of outcomes) console.log(`| ${o.fault} | ${o.stuck} | ${o.lost} | ${o.note} |`);
  console.log(`\nFaults injected: ${outcomes.length}. Stuck jobs: ${outcomes.reduce((s, o) => s + o.stuck, 0)} during the run, ${unfinished} queued/running at the end with no process left.`);
  console.log(`Rows lost: ${outcomes.reduce((s, o) => s + o.lost, 0)}; integrity_check ${integrityOk(harness) ? "ok" : "FAILED"}. "database is locked" errors in ${harness.logs.length} process logs: ${lockedErrors(harness)}.`);
  console.log(`Jobs by status: ${JSON.stringify(byStatus)}; failed or interrupted without a reason: ${withoutReason}. Took ${Math.round((Date.now() - started) / 1000)} s; logs in ${root}.`);
}

main()
  .catch((error: unknown) => {
    console.error(`fault injection stopped: ${error instanceof Error ? error.stack : String(error)}\nlogs in ${root}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!argv.includes("--keep") && process.exitCode !== 1) rmSync(root, { recursive: true, force: true });
  });
