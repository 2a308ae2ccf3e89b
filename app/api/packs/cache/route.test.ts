import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// POST /api/packs/cache on the demo pack with an empty data folder: every request it refuses answers 4xx with the
// reason and starts no job. (A build itself runs the pack's ONNX graphs: the packs e2e spec starts one.)
const dir = mkdtempSync(join(tmpdir(), "rewrite-cache-route-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", resolve("packs/demo"));
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (body: string) => {
  const { POST } = await import("./route");
  const response = await POST(new Request("http://localhost/api/packs/cache", { method: "POST", headers: { "content-type": "application/json" }, body }));
  return { status: response.status, error: ((await response.json()) as { error?: string }).error ?? "" };
};

describe("POST /api/packs/cache", () => {
  it("refuses bad bodies and unknown coders with 400 and why, starting no job", async () => {
    expect(await post("not json")).toMatchObject({ status: 400, error: expect.stringContaining('"hookpoint": "<coder hookpoint>"') });
    expect(await post("{}")).toMatchObject({ status: 400, error: expect.stringContaining("hookpoint") });
    expect(await post('{"hookpoint": "layers.2", "numTokens": 100}')).toMatchObject({ status: 400, error: expect.stringContaining("numTokens") });
    expect(await post('{"hookpoint": "layers.2", "force": true}')).toMatchObject({ status: 400 });
    expect(await post('{"hookpoint": "layers.9.mlp"}')).toEqual({ status: 400, error: 'the pack "demo" has no coder at "layers.9.mlp"; its coders are layers.2.mlp, layers.2' });
    const { getDatabase } = await import("@/db/client");
    const { listJobs } = await import("@/db/jobs");
    expect(listJobs(getDatabase())).toEqual([]);
  });

  it("GET /api/jobs/:id answers an unknown job with 404", async () => {
    const { GET } = await import("@/app/api/jobs/[id]/route");
    for (const id of ["42", "abc"]) {
      const response = await GET(new Request(`http://localhost/api/jobs/${id}`), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });
});
