import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";

// What the demo pack's own files say it is: the page must show these, not constants.
const demoConfig = JSON.parse(readFileSync("packs/demo/model/config.json", "utf8")) as { num_hidden_layers: number; hidden_size: number };
const demoManifest = JSON.parse(readFileSync("packs/demo/pack.json", "utf8")) as { name: string; layer: number };

test("the overview names the loaded pack from its files", async ({ page }, testInfo) => {
  await page.goto("/");
  const state = page.getByTestId("pack-state");
  await expect(state).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("pack-name")).toHaveText(demoManifest.name);
  await expect(page.getByTestId("pack-model")).toContainText(`${demoConfig.num_hidden_layers} layers, d_model ${demoConfig.hidden_size}`);
  await expect(page.getByTestId("pack-layer")).toHaveText(String(demoManifest.layer));
  await expect(page.getByTestId("coder-transcoder")).toContainText("skip connection");
  // The headline of the latest run of this pack, linking to it.
  const headline = page.getByTestId("run-headline");
  await expect(headline.getByTestId("run-headline-verdict")).toContainText("zero ablation");
  await expect(headline.getByTestId("run-headline-row")).toHaveCount(2);
  await expect(headline).toContainText("top-scoring, calibrated");
  await expect(headline.getByRole("link", { name: /^run \d+$/ })).toHaveAttribute("href", /^\/runs\/\d+$/);
  await page.screenshot({ path: testInfo.outputPath("overview.png"), fullPage: true });
});

test("the overview says what Rewrite does, where to start, and who wrote and simulated what", async ({ page }) => {
  await page.goto("/");
  const summary = page.getByTestId("rewrite-summary");
  await expect(summary).toContainText("quantile normalization");
  await expect(summary.getByRole("link", { name: "zero ablation" })).toHaveAttribute("href", "/glossary#zero-ablation");
  // prepare stores baseline explanations and a lexical-baseline run: the tagline must say so, never "LLM".
  const tagline = page.getByTestId("provenance-tagline");
  await expect(tagline).toContainText("statistical baseline");
  await expect(tagline).toContainText("lexical baseline");
  await expect(tagline).toContainText("REWRITE_LLM_BASE_URL");
  const start = page.getByTestId("start-here");
  await expect(start.getByRole("link", { name: /^latent \d+$/ })).toHaveAttribute("href", /^\/latents\/\d+$/);
  await expect(start.getByRole("link", { name: "fix-first ledger" })).toHaveAttribute("href", /^\/runs\/\d+\/ledger$/);
});

test("the glossary defines each term once, citing the paper's sections", async ({ page }) => {
  await page.goto("/glossary#calibration");
  const terms = page.getByTestId("glossary-term");
  expect(await terms.count()).toBeGreaterThanOrEqual(14);
  await expect(page.locator("#calibration")).toContainText("§2.1");
  await expect(page.locator("#calibration").getByRole("link", { name: /§2\.1/ })).toHaveAttribute("href", /arxiv\.org\/html\/2501\.18838v1#S2\.SS1$/);
  await expect(page.locator("#sensitivity-specificity")).toContainText("§3.1");
  const ids = await terms.evaluateAll((els) => els.map((el) => el.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test("icons and the manifest are served", async ({ request }) => {
  for (const [path, type] of [["/favicon.ico", "image/"], ["/icon.svg", "image/svg+xml"], ["/apple-touch-icon.png", "image/png"], ["/manifest.webmanifest", "manifest"]]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
});

test("health reports the database and the pack", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; database: { ok: boolean }; pack: { status: string }; versions: Record<string, string> };
  expect(body.database.ok).toBe(true);
  expect(body.pack.status).toBe("ok");
  expect(body.versions.next).toMatch(/^16\./);
});
