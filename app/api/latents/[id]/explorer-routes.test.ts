import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The routes use the process-wide database and pack: a temp folder with a synthetic cache and no pack.
const dir = mkdtempSync(join(tmpdir(), "rewrite-explorer-routes-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", join(dir, "no-pack"));
vi.stubEnv("REWRITE_LLM_BASE_URL", "");

let cacheId = 0;
let firstVersion = 0;

beforeAll(async () => {
  const { getDatabase } = await import("@/db/client");
  const { seedSyntheticCache } = await import("@/lib/cache/testing/seed-synthetic-cache");
  const { addExplanation } = await import("@/db/explanations");
  const db = getDatabase();
  cacheId = (await seedSyntheticCache(db, { dataDir: dir, numLatents: 64 })).id;
  firstVersion = addExplanation(db, { cacheId, latent: 7, text: "the word w7", sourceKind: "statistical-baseline", sourceDetail: null }, new Date()).id;
});
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  new NextRequest(`http://localhost${url}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json" } });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

describe("POST /api/latents/:id/simulations", () => {
  it("answers 400 with the reason for an empty, over-long or malformed body", async () => {
    const { POST } = await import("./simulations/route");
    const params = Promise.resolve({ id: "7" });
    const empty = await POST(post("/api/latents/7/simulations", { text: "   " }), { params });
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toMatch(/text is empty/);
    const long = await POST(post("/api/latents/7/simulations", { text: "x".repeat(1001) }), { params });
    expect(long.status).toBe(400);
    expect(await errorOf(long)).toMatch(/longer than 1000 characters/);
    const notJson = await POST(post("/api/latents/7/simulations", "{text:"), { params });
    expect(notJson.status).toBe(400);
    expect(await errorOf(notJson)).toMatch(/must be JSON/);
    const badParent = await POST(post("/api/latents/7/simulations", { text: "w7", parentId: 999 }), { params });
    expect(badParent.status).toBe(400);
    expect(await errorOf(badParent)).toMatch(/parentId 999 is not a version of latent 7/);
  });

  it("answers 404 for an unknown latent or coder", async () => {
    const { POST } = await import("./simulations/route");
    const unknown = await POST(post("/api/latents/64/simulations", { text: "w7" }), { params: Promise.resolve({ id: "64" }) });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatch(/ids run from 0 to 63/);
    const coder = await POST(post("/api/latents/7/simulations", { text: "w7", coder: "layers.9" }), { params: Promise.resolve({ id: "7" }) });
    expect(coder.status).toBe(404);
  });

  it("stores an edit as a new version of the current one and streams the job's outcome", async () => {
    const { POST } = await import("./simulations/route");
    const response = await POST(post("/api/latents/7/simulations", { text: "the word w8" }), { params: Promise.resolve({ id: "7" }) });
    expect(response.status).toBe(202);
    const started = (await response.json()) as { jobId: number; explanationId: number; createdVersion: boolean; events: string };
    expect(started.createdVersion).toBe(true);
    expect(started.events).toBe(`/api/simulations/${started.jobId}/events`);

    // The synthetic cache comes from no pack on disk, so the job cannot read token texts: the stream says so.
    const { GET } = await import("@/app/api/simulations/[job]/events/route");
    const stream = await GET(new NextRequest(`http://localhost${started.events}`), { params: Promise.resolve({ job: String(started.jobId) }) });
    expect(stream.headers.get("Content-Type")).toBe("text/event-stream");
    const text = await stream.text();
    expect(text).toMatch(/^event: progress\n/);
    expect(text).toMatch(/event: failed\ndata: .*was built from pack synthetic/);

    const { GET: versions } = await import("./versions/route");
    const data = (await (await versions(new NextRequest("http://localhost/api/latents/7/versions"), { params: Promise.resolve({ id: "7" }) })).json()) as {
      versions: { id: number; text: string; parentId: number | null; isCurrent: boolean; sourceKind: string }[];
    };
    expect(data.versions.map((v) => [v.text, v.parentId, v.isCurrent, v.sourceKind])).toEqual([
      ["the word w8", firstVersion, true, "user"],
      ["the word w7", null, false, "statistical-baseline"],
    ]);
  });
});

describe("versions routes", () => {
  it("GET answers 404 for an unknown latent; POST current restores a version and 404s a foreign one", async () => {
    const { GET } = await import("./versions/route");
    expect((await GET(new NextRequest("http://localhost/api/latents/abc/versions"), { params: Promise.resolve({ id: "abc" }) })).status).toBe(404);
    const { POST } = await import("./versions/[versionId]/current/route");
    const restored = await POST(post(`/api/latents/7/versions/${firstVersion}/current`, {}), { params: Promise.resolve({ id: "7", versionId: String(firstVersion) }) });
    expect(restored.status).toBe(200);
    const data = (await restored.json()) as { versions: { id: number; isCurrent: boolean }[] };
    expect(data.versions.find((v) => v.isCurrent)?.id).toBe(firstVersion);
    const foreign = await POST(post(`/api/latents/8/versions/${firstVersion}/current`, {}), { params: Promise.resolve({ id: "8", versionId: String(firstVersion) }) });
    expect(foreign.status).toBe(404);
    expect(await errorOf(foreign)).toMatch(/not a version of latent 8/);
  });
});
