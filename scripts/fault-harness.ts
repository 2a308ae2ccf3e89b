// The fault-injection run's tools: start the CLI and the dev server as process groups on one data folder, kill
// them with SIGKILL, read the SQLite file the way a third process would, and find "database is locked" in logs.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export interface Harness {
  root: string;
  dataDir: string;
  port: number;
  logs: string[];
}

export interface Started {
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

let logCount = 0;

function start(harness: Harness, name: string, args: string[]): Started {
  const log = join(harness.root, `${String(++logCount).padStart(2, "0")}-${name}.log`);
  harness.logs.push(log);
  const out = createWriteStream(log);
  const env: NodeJS.ProcessEnv = { ...process.env, REWRITE_DATA_DIR: harness.dataDir, REWRITE_LLM_BASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.REWRITE_DB_PATH;
  // Its own process group, so a kill reaches the dev server's worker too.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, log, exited };
}

/** `rewrite <args>` in a fresh process (node --import tsx, no npx wrapper: the job's owner pid is this child). */
export function startCli(harness: Harness, args: string[]): Started {
  return start(harness, args[0], ["--import", "tsx", "cli/rewrite.ts", ...args]);
}

export async function runCli(harness: Harness, args: string[]): Promise<{ code: number | null; output: string }> {
  const started = startCli(harness, args);
  const code = await started.exited;
  await sleep(100);
  return { code, output: readFileSync(started.log, "utf8") };
}

export async function startServer(harness: Harness): Promise<Started> {
  const server = start(harness, "server", ["node_modules/next/dist/bin/next", "dev", "--port", String(harness.port), "--hostname", "127.0.0.1"]);
  await waitFor("the server to answer", 240_000, async () => (await request(harness, "GET", "/api/jobs").catch(() => undefined))?.status === 200);
  return server;
}

/** SIGKILL to the whole process group: no exit handler runs, as with an OOM kill or a power cut. */
export async function killHard(started: Started): Promise<void> {
  if (started.child.pid === undefined) return;
  try {
    process.kill(-started.child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
  await started.exited;
}

export async function request(harness: Harness, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${harness.port}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text: text.slice(0, 300) };
  }
  return { status: response.status, body: parsed };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, timeoutMs: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export interface JobProbe {
  id: number;
  kind: string;
  status: string;
  progress_done: number;
  progress_total: number;
  owner_pid: number | null;
  params_json: string;
  error: string | null;
}

/** A short-lived read connection per call, as a third process would look at the file. */
export function query<T>(harness: Harness, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(harness.dataDir, "rewrite.sqlite"), { readonly: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export const jobs = (harness: Harness, where = "1 = 1", ...params: unknown[]) => query<JobProbe>(harness, `SELECT * FROM jobs WHERE ${where} ORDER BY id`, ...params);

/** Rows of the tables the stages write: a drop after a kill is data lost. */
export function rowCounts(harness: Harness): Record<string, number> {
  const tables = ["explanations", "explanation_scores", "predictions", "explanation_simulations", "latents", "activation_caches", "evaluation_runs", "jobs"];
  return Object.fromEntries(tables.map((table) => [table, query<{ n: number }>(harness, `SELECT count(*) AS n FROM ${table}`)[0].n]));
}

export function integrityOk(harness: Harness): boolean {
  return query<{ integrity_check: string }>(harness, "PRAGMA integrity_check")[0]?.integrity_check === "ok";
}

/** "database is locked" / SQLITE_BUSY anywhere in the logs of every process started so far. */
export function lockedErrors(harness: Harness): number {
  return harness.logs.reduce((sum, log) => sum + (readFileSync(log, "utf8").match(/database is locked|SQLITE_BUSY/g)?.length ?? 0), 0);
}
