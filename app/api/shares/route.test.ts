import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ExplanationSimulationResult } from "@/lib/explore/explorer-data";

const dir = mkdtempSync(join(tmpdir(), "rewrite-shares-"));
vi.stubEnv("REWRITE_DATA_DIR", dir);
vi.stubEnv("REWRITE_DB_PATH", join(dir, "rewrite.sqlite"));
vi.stubEnv("REWRITE_PACK_DIR", join(dir, "no-pack"));
vi.stubEnv("REWRITE_LLM_BASE_URL", "");
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
    const { SqliteEvaluationRunStore } = await import("@/lib/evaluate");
    const { recordActivationCache } = await import("@/db/activation-caches");
    const { smallResult } = await import("@/lib/evaluate/testing/small-evaluation-fixture");
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

  it("shares one explanation version of a latent with the version it was edited from, frozen against later edits", async () => {
    const { getDatabase } = await import("@/db/client");
    const { seedSyntheticCache } = await import("@/lib/cache/testing/seed-synthetic-cache");
    const { addExplanation } = await import("@/db/explanations");
    const { saveExplanationSimulation } = await import("@/db/explanation-simulations");
    const { loadShare } = await import("@/lib/share/load-share");
    const db = getDatabase();
    const cache = await seedSyntheticCache(db, { dataDir: dir, numLatents: 16 });
    const original = addExplanation(db, { cacheId: cache.id, latent: 7, text: "Seven of everything", sourceKind: "statistical-baseline", sourceDetail: null }, new Date(0));
    const edited = addExplanation(db, { cacheId: cache.id, latent: 7, text: "Sevens <b>and</b> weeks", sourceKind: "user", sourceDetail: null, parentId: original.id }, new Date(0));
    const simulation: ExplanationSimulationResult = {
      format: "rewrite-explanation-simulation",
      version: 1,
      latent: 7,
      simulator: { id: "lexical-baseline", kind: "baseline", label: "lexical baseline" },
      contextCount: 400,
      uniformContextCount: 240,
      activeContextCount: 160,
      failedCount: 0,
      cdfs: { true: [{ x: 0, p: 0.6 }, { x: 2, p: 1 }], predicted: [{ x: 0, p: 0.9 }, { x: 4, p: 1 }], calibrated: [{ x: 0, p: 0.9 }, { x: 1.5, p: 1 }] },
      quantileMap: {
        knots: [{ rawPrediction: 0, calibratedActivation: 0 }, { rawPrediction: 4, calibratedActivation: 1.5 }],
        observed: [{ rawPrediction: 4, calibratedActivation: 1.5, count: 40 }],
        fittedPredictionCount: 400,
        trueZeroFraction: 0.6,
        predictionZeroFraction: 0.9,
      },
      correlation: 0.25,
      sensitivity: 0.5,
      specificity: 1,
      rawSensitivity: 0.5,
      rawSpecificity: 1,
      rewriteImpact: null,
      rewriteImpactNote: "no evaluation prompts",
      elapsedMs: 12,
    };
    saveExplanationSimulation(
      db,
      { explanationId: edited.id, simulatorId: "lexical-baseline", contextCount: 400, failedCount: 0, correlation: 0.25, rewriteImpactNats: null, resultJson: JSON.stringify(simulation) },
      new Date(0),
    );

    expect(await post(JSON.stringify({ kind: "latent", latent: 99 }))).toMatchObject({ status: 404, body: { error: expect.stringContaining("ids run from 0 to 15") } });
    expect(await post(JSON.stringify({ kind: "latent", latent: 7, versionId: 99999 }))).toMatchObject({
      status: 404,
      body: { error: "explanation version 99999 is not a version of latent 7" },
    });
    const created = await post(JSON.stringify({ kind: "latent", latent: 7, versionId: edited.id, coder: cache.hookpoint }));
    expect(created.status).toBe(201);
    addExplanation(db, { cacheId: cache.id, latent: 7, text: "Something else entirely", sourceKind: "user", sourceDetail: null, parentId: edited.id }, new Date(1));

    const share = loadShare(db, created.body.slug!)!;
    expect(share.title).toBe(`Latent 7 of ${cache.hookpoint} (unregistered pack): “Sevens <b>and</b> weeks”`);
    expect(share.description).toBe("Explanation: edited by a user. Simulated by lexical baseline on 400 contexts; correlation 0.250.");
    const page = await import("@/app/s/[slug]/page");
    const html = renderToStaticMarkup(await page.default({ params: Promise.resolve({ slug: created.body.slug! }), searchParams: Promise.resolve({}) }));
    // Explanation text is text, never HTML; the later edit is not in the snapshot.
    expect(html).toContain("Sevens &lt;b&gt;and&lt;/b&gt; weeks");
    expect(html).not.toContain("Something else entirely");
    expect(html).toContain("Seven of everything");
    expect(html).toContain('data-testid="top-examples"');
  });
});
