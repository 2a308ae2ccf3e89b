import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Token inspection's routes on a synthetic cache (24 contexts × 64 tokens) without a pack: values come from the
// cache, the other latents at a token need the pack's model and are reported as unavailable.
const dir = mkdtempSync(join(tmpdir(), "rewrite-token-routes-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", join(dir, "no-pack"));

let cacheDir = "";

beforeAll(async () => {
  const { getDatabase } = await import("@/db/client");
  const { seedSyntheticCache } = await import("@/lib/cache/testing/seed-synthetic-cache");
  const { setLatentExplanation } = await import("@/db/latents");
  const db = getDatabase();
  const row = await seedSyntheticCache(db, { dataDir: dir, numLatents: 64 });
  cacheDir = row.dir;
  setLatentExplanation(db, row.id, 7, "the word w7");
});
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => new NextRequest(`http://localhost${url}`);
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

describe("GET /api/latents/:id/tokens/:token", () => {
  it("answers a cached token's stored activation and where it is", async () => {
    const { openActivationCache } = await import("@/lib/cache/activation-cache");
    const acts = openActivationCache(cacheDir).latentActivations(7);
    const token = acts.positions[0];
    const { GET } = await import("./tokens/[token]/route");
    const response = await GET(get(`/api/latents/7/tokens/${token}`), { params: Promise.resolve({ id: "7", token: String(token) }) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.activation).toBeCloseTo(acts.values[0], 6);
    expect(body.sequence).toBe(Math.floor(token / 64));
    expect(body.position).toBe(token % 64);
    expect(body.topLatents).toBeNull();
  });

  it("answers 0 where the latent did not fire", async () => {
    const { openActivationCache } = await import("@/lib/cache/activation-cache");
    const { positions } = openActivationCache(cacheDir).latentActivations(7);
    let token = 0;
    while (positions.includes(token)) token++;
    const { GET } = await import("./tokens/[token]/route");
    const body = await (await GET(get(`/api/latents/7/tokens/${token}`), { params: Promise.resolve({ id: "7", token: String(token) }) })).json();
    expect(body.activation).toBe(0);
  });

  it("refuses malformed and out-of-range input with the reason", async () => {
    const { GET } = await import("./tokens/[token]/route");
    const call = (id: string, token: string) => GET(get(`/api/latents/${id}/tokens/${token}`), { params: Promise.resolve({ id, token }) });
    const bad = await call("7", "-3");
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/token: a token is its global index/);
    const outside = await call("7", String(24 * 64));
    expect(outside.status).toBe(400);
    expect(await errorOf(outside)).toMatch(/token 1536 is outside the cache's 1536 tokens/);
    const noLatent = await call("64", "0");
    expect(noLatent.status).toBe(404);
    expect(await errorOf(noLatent)).toMatch(/no latent 64 .* 0 to 63/);
  });
});

describe("GET /api/latents/explanations", () => {
  it("answers each asked latent's explanation, in the order asked", async () => {
    const { GET } = await import("../explanations/route");
    const response = GET(get("/api/latents/explanations?latents=8,7"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      latents: [
        { latent: 8, explanation: null },
        { latent: 7, explanation: "the word w7" },
      ],
    });
  });

  it("refuses a malformed list, too many latents and unknown ones", async () => {
    const { GET } = await import("../explanations/route");
    const malformed = GET(get("/api/latents/explanations?latents=7,,x"));
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatch(/latents: a comma list of latent ids/);
    const many = GET(get(`/api/latents/explanations?latents=${Array.from({ length: 65 }, (_, i) => i % 60).join(",")}`));
    expect(many.status).toBe(400);
    expect(await errorOf(many)).toMatch(/at most 64 latents/);
    const unknown = GET(get("/api/latents/explanations?latents=3,99"));
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatch(/no latent 99/);
  });
});
