import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "rewrite-shares-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
afterAll(async () => {
  const { getDatabase } = await import("@/db/client");
  getDatabase().$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (body: string) => {
  const { POST } = await import("./route");
  const response = await POST(new Request("http://localhost/api/shares", { method: "POST", body }));
  return { status: response.status, body: (await response.json()) as { error?: string; slug?: string; url?: string } };
};

describe("POST /api/shares", () => {
  it("answers malformed requests with 400 and unknown runs with 404, writing nothing", async () => {
    expect(await post("{not json")).toMatchObject({ status: 400, body: { error: expect.stringContaining("must be JSON") } });
    expect((await post(JSON.stringify({ kind: "run", runId: -3 }))).status).toBe(400);
    expect((await post(JSON.stringify({ kind: "poem" }))).status).toBe(400);
    expect(await post(JSON.stringify({ kind: "run", runId: 41 }))).toMatchObject({ status: 404, body: { error: "no finished evaluation run has id 41" } });
    const { getDatabase } = await import("@/db/client");
    expect(getDatabase().$client.prepare("select count(*) as n from shares").get()).toEqual({ n: 0 });
  });

  it("shares a stored run at /s/<slug>, whose page and link-preview metadata render from the snapshot", async () => {
    const { getDatabase } = await import("@/db/client");
    const { SqliteEvaluationRunStore } = await import("@/lib/evaluate/sqlite-evaluation-run-store");
    const { recordActivationCache } = await import("@/db/activation-caches");
    const { smallResult } = await import("@/lib/evaluate/small-evaluation-fixture");
    const db = getDatabase();
    const cache = recordActivationCache(
      db,
      { packIdentity: "p1", hookpoint: "layers.0.mlp", coderKind: "transcoder", dir: "/nowhere", numLatents: 3, contextLength: 4, numContexts: 1, nonZeros: 0 },
      new Date(0),
    );
    const inputRefs = { cacheId: String(cache.id), packIdentity: "p1", simulatorId: "lexical-baseline", coderKind: "transcoder", hookpoint: "layers.0.mlp" };
    const runId = await new SqliteEvaluationRunStore(db).save({ inputRefs, result: await smallResult() });
    const created = await post(JSON.stringify({ kind: "run", runId: Number(runId) }));
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`/s/${created.body.slug}`);

    const page = await import("@/app/s/[slug]/page");
    const params = Promise.resolve({ slug: created.body.slug! });
    const metadata = await page.generateMetadata({ params, searchParams: Promise.resolve({}) });
    expect(metadata.title).toBe(`Run ${runId}: rewriting a transcoder (layers.0.mlp) of unregistered pack in natural language`);
    expect(metadata.openGraph).toMatchObject({ title: metadata.title, description: metadata.description });
    expect(String(metadata.description)).toContain("4 held-out prompts, predictions by lexical-baseline, an offline baseline (no LLM).");
    // Rendered to HTML, as the server streams it: the frozen numbers reach the page (NaN bins included).
    const html = renderToStaticMarkup(await page.default({ params, searchParams: Promise.resolve({ statistic: "median-absolute" }) }));
    expect(html).toContain('data-testid="snapshot-banner"');
    expect(html).toContain('data-testid="figure3-table"');
    expect(html).toContain("median |CE increase|");
    await expect(page.default({ params: Promise.resolve({ slug: "222222222222" }), searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringContaining("404"),
    });
  });
});
