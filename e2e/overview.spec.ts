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

test("health reports the database and the pack", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; database: { ok: boolean }; pack: { status: string }; versions: Record<string, string> };
  expect(body.database.ok).toBe(true);
  expect(body.pack.status).toBe("ok");
  expect(body.versions.next).toMatch(/^16\./);
});
