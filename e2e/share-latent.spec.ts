import { expect, test, type Locator } from "@playwright/test";

// Share on a latent page freezes the shown explanation version with its simulation; a fresh browser opening the
// link sees the same numbers even after the live latent is edited again.
// On the live page detection and fuzzing sit with the explanation (one place per fact); the table holds the
// simulation's metrics, compared with the snapshot's.
const METRICS = ["correlation", "sensitivity", "specificity", "rewrite-impact"];

async function metricValues(view: Locator): Promise<string[]> {
  return Promise.all(METRICS.map(async (key) => (await view.getByTestId(`metric-${key}`).first().textContent()) ?? ""));
}

test("Share a latent's explanation version: the snapshot opens in a new browser unchanged by later edits", async ({ page, browser }, testInfo) => {
  const response = await page.request.get("/api/latents?sort=frequency&dir=desc");
  const { rows } = (await response.json()) as { rows: { latent: number; explanation: string | null }[] };
  const latent = rows.filter((r) => r.explanation)[3].latent;
  await page.goto(`/latents/${latent}`);
  const explorer = page.getByTestId("latent-explorer");
  const view = explorer.getByTestId("explorer-view");
  const predicted = view.getByTestId("cdf-chart-raw").locator('path[data-series="predicted"]');
  await expect(predicted).toHaveAttribute("data-signature", /\d/, { timeout: 30_000 });
  const signature = await predicted.getAttribute("data-signature");
  const metrics = await metricValues(view);
  const text = await explorer.getByTestId("explanation-input").inputValue();

  await explorer.getByTestId("share-button").click();
  const link = await explorer.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/s\/[2-9a-z_]{12}$/);

  // A later edit of the live latent does not reach the snapshot.
  const versionBefore = await view.getAttribute("data-version");
  await explorer.getByTestId("explanation-input").fill(`${text} (edited after sharing)`);
  await explorer.getByTestId("explanation-input").press("Control+Enter");
  await expect(view).not.toHaveAttribute("data-version", versionBefore ?? "", { timeout: 30_000 });

  const fresh = await browser.newContext();
  const viewer = await fresh.newPage();
  expect((await viewer.goto(link))?.status()).toBe(200);
  await expect(viewer.getByTestId("snapshot-banner")).toContainText("Shared snapshot");
  await expect(viewer.getByTestId("shared-explanation-text")).toHaveText(text);
  await expect(viewer.getByTestId("explanation-editor")).toHaveCount(0);
  const sharedView = viewer.getByTestId("explorer-view");
  await expect(sharedView.getByTestId("cdf-chart-raw").locator('path[data-series="predicted"]')).toHaveAttribute("data-signature", signature ?? "");
  expect(await metricValues(sharedView)).toEqual(metrics);
  await expect(viewer.getByTestId("top-examples")).toBeVisible();
  expect(await viewer.locator('meta[property="og:title"]').getAttribute("content")).toContain(`Latent ${latent} of `);
  await viewer.screenshot({ path: testInfo.outputPath("shared-latent.png"), fullPage: true });
  await fresh.close();
});
