import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The routes use the process-wide database and pack: point both at a temp folder with a synthetic cache.
const dir = mkdtempSync(join(tmpdir(), "rewrite-routes-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", join(dir, "no-pack"));

beforeAll(async () => {
  const { getDatabase } = await import("@/db/client");
  const { seedSyntheticCache } = await import("@/lib/cache/testing/seed-synthetic-cache");
  await seedSyntheticCache(getDatabase(), { dataDir: dir, numLatents: 64, explanation: (l) => (l === 7 ? "Seven of everything" : null) });
});
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What next/navigation's notFound() throws: an error whose digest asks for the 404 page. */
async function expectNotFound(run: () => Promise<unknown>): Promise<void> {
  await expect(run()).rejects.toMatchObject({ digest: expect.stringContaining("404") });
}

describe("the latent page and API", () => {
  it("answers unknown or malformed latent ids with the 404 page", async () => {
    const { default: LatentPage } = await import("./[id]/page");
    const searchParams = Promise.resolve({});
    for (const id of ["64", "999999", "-1", "abc", "1.5"]) {
      await expectNotFound(() => LatentPage({ params: Promise.resolve({ id }), searchParams }));
    }
    await expect(LatentPage({ params: Promise.resolve({ id: "7" }), searchParams })).resolves.toBeTruthy();
  });

  it("GET /api/latents/:id gives 404 JSON with the valid range, and the latent's data otherwise", async () => {
    const { GET } = await import("@/app/api/latents/[id]/route");
    const missing = await GET(new NextRequest("http://localhost/api/latents/64"), { params: Promise.resolve({ id: "64" }) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/0 to 63/);
    const found = await GET(new NextRequest("http://localhost/api/latents/7"), { params: Promise.resolve({ id: "7" }) });
    expect(found.status).toBe(200);
    const data = (await found.json()) as { latent: number; explanation: string; topExamples: { tokens: { activation: number }[] }[]; neighbours: unknown[] };
    expect(data.latent).toBe(7);
    expect(data.explanation).toBe("Seven of everything");
    expect(data.neighbours).toHaveLength(10);
    // Every top example window holds 32 tokens and at least one token where latent 7 fired.
    for (const example of data.topExamples) {
      expect(example.tokens).toHaveLength(32);
      expect(Math.max(...example.tokens.map((t) => t.activation))).toBeGreaterThan(0);
    }
  });

  it("GET /api/latents searches explanations and pages the listing", async () => {
    const { GET } = await import("@/app/api/latents/route");
    const search = (await (await GET(new NextRequest("http://localhost/api/latents?q=seven"))).json()) as { total: number; rows: { latent: number }[] };
    expect(search.rows.map((r) => r.latent)).toEqual([7]);
    const page2 = (await (await GET(new NextRequest("http://localhost/api/latents?page=2&sort=latent&dir=asc"))).json()) as { total: number; rows: { latent: number }[] };
    expect(page2.total).toBe(64);
    expect(page2.rows.map((r) => r.latent)).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63]);
  });
});
