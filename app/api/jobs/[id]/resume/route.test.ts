import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "rewrite-resume-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", join(dir, "no-pack"));
vi.stubEnv("REWRITE_LLM_BASE_URL", "");
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const resume = async (id: string, body = "{}") => {
  const { POST } = await import("./route");
  const request = new NextRequest(`http://localhost/api/jobs/${id}/resume`, { method: "POST", body, headers: { "Content-Type": "application/json" } });
  const response = await POST(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as { error?: string; job?: { id: number; status: string } } };
};

/** A score job a killed CLI left running: its pid is gone (pid 2^22 + 1 exceeds Linux's pid range). */
async function leftByKilledCli(): Promise<number> {
  const { getDatabase } = await import("@/db/client");
  const { hostname } = await import("node:os");
  const db = getDatabase();
  const params = { packDir: join(dir, "no-pack"), hookpoint: "layers.0.mlp", llm: null, seed: 0, tasks: ["detection"], activating: 5, nonActivating: 5, perPrompt: 5 };
  const at = new Date().toISOString();
  const { lastInsertRowid } = db.$client
    .prepare("INSERT INTO jobs (kind, params_json, status, progress_done, progress_total, created_at, started_at, heartbeat_at, owner_pid, owner_host) VALUES ('score', ?, 'running', 3, 9, ?, ?, ?, ?, ?)")
    .run(JSON.stringify(params), at, at, at, 4_194_305, hostname());
  return Number(lastInsertRowid);
}

describe("POST /api/jobs/:id/resume", () => {
  it("lists a dead process's job as interrupted and resumable, then runs it here and records why it failed", async () => {
    const id = await leftByKilledCli();
    const { GET } = await import("../../route");
    const listed = (await (await GET(new NextRequest("http://localhost/api/jobs?status=interrupted"))).json()) as { jobs: { id: number; status: string; resumable: boolean; error: string }[] };
    expect(listed.jobs).toEqual([expect.objectContaining({ id, status: "interrupted", resumable: true, error: expect.stringMatching(/pid 4194305 .* ended before the job finished/) })]);

    const resumed = await resume(String(id));
    expect(resumed).toMatchObject({ status: 202, body: { job: { id, status: "running" } } });
    const { getDatabase } = await import("@/db/client");
    const { findJob } = await import("@/db/jobs");
    while (findJob(getDatabase(), id)?.status === "running") await new Promise((resolve) => setTimeout(resolve, 5));
    expect(findJob(getDatabase(), id)).toMatchObject({ status: "failed", ownerPid: process.pid, error: expect.stringMatching(/no-pack/) });
  });

  it("answers unknown jobs with 404 and bodies that are not {} with 400", async () => {
    expect(await resume("999")).toMatchObject({ status: 404, body: { error: "no job 999" } });
    expect((await resume("abc")).status).toBe(404);
    expect((await resume("1", '{"force": true}')).status).toBe(400);
  });
});
