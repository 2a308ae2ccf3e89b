import { expect, test, type Page } from "@playwright/test";

// The latent explorer on the loaded pack (the demo pack, prepared at start-up) with the lexical baseline as the
// simulator (no LLM server is configured for the e2e server).
const EDITED = 'Fires on "the", "and", "of" and ","';

/** An explained latent that fires often (the 11th most frequent), so its CDFs have mass away from 0. */
async function activeLatent(page: Page): Promise<number> {
  const response = await page.request.get("/api/latents?sort=frequency&dir=desc");
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: { latent: number; explanation: string | null }[] };
  const explained = rows.filter((r) => r.explanation);
  return explained[Math.min(10, explained.length - 1)].latent;
}

/** Records, in the page, every simulation stage the progress line showed (the lexical baseline finishes in well under a second). */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const stage = document.querySelector('[data-testid="simulation-stage"]')?.textContent;
      const bar = document.querySelector('[data-testid="simulation-progress"]');
      const partial = document.querySelector('[data-testid="partial-results"]');
      if (bar && stage && seen.at(-1) !== stage) seen.push(stage);
      if (partial && !seen.includes("partial")) seen.push("partial");
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

test("edit an explanation, re-simulate with progress, see the CDF change and a new version, make the old one current", async ({ page }, testInfo) => {
  const latent = await activeLatent(page);
  await page.goto(`/latents/${latent}`);
  const explorer = page.getByTestId("latent-explorer");
  await expect(explorer).toBeVisible();
  // The simulator is named once, with the explanation's other provenance.
  await expect(page.getByTestId("explanation-simulator")).toContainText("lexical baseline (offline string matching; not an LLM)");

  // The current version's stored simulation, or the one computed on first view.
  const view = explorer.getByTestId("explorer-view");
  // Raw predictions (0–9) have their own panel; true and calibrated share the activation axis.
  const predicted = view.getByTestId("cdf-chart-raw").locator('path[data-series="predicted"]');
  await expect(view.getByTestId("cdf-chart").locator('path[data-series="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(view.getByTestId("cdf-chart").locator('path[data-series="predicted"]')).toHaveCount(0);
  await expect(predicted).toHaveAttribute("data-signature", /\d/, { timeout: 30_000 });
  const before = (await predicted.getAttribute("data-signature")) as string;
  const oldVersion = Number(await view.getAttribute("data-version"));
  const versionCount = await explorer.getByTestId("version").count();
  await expect(view.getByTestId("quantile-map-chart")).toBeVisible();
  await expect(view.getByTestId("metric-rewrite-impact")).toHaveText(/^-?\d+\.\d{5}$/);
  await page.screenshot({ path: testInfo.outputPath("explorer-before.png"), fullPage: true });

  // Edit and submit from the keyboard.
  const input = explorer.getByTestId("explanation-input");
  await input.fill(EDITED);
  await recordProgress(page);
  const clicked = Date.now();
  await input.press("Control+Enter");
  await expect(view).not.toHaveAttribute("data-version", String(oldVersion), { timeout: 30_000 });
  await expect(predicted).not.toHaveAttribute("data-signature", before);
  const elapsedMs = Date.now() - clicked;
  testInfo.annotations.push({ type: "re-simulation, keypress to final result (ms)", description: String(elapsedMs) });
  console.log(`re-simulation of latent ${latent}, keypress to final result: ${elapsedMs} ms (client-measured: ${await explorer.getAttribute("data-last-run-ms")} ms)`);

  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  // The stream replays the job's latest state to a late subscriber, so the stages seen depend on timing; at least one is.
  expect(seen.some((s) => /^(Simulating contexts|Fitting|Measuring|Scoring)/.test(s))).toBe(true);
  expect(seen).toContain("partial");

  // Side by side: the previous version's column, its dashed CDFs, and the new version at the top of the history.
  const newVersion = Number(await view.getAttribute("data-version"));
  await expect(view.getByTestId("cdf-chart-raw").locator('path[data-series="previous-predicted"]')).toHaveAttribute("data-signature", before);
  const history = explorer.getByTestId("version");
  await expect(history).toHaveCount(versionCount + 1);
  // Versions are numbered per latent in creation order (v1 … vN, newest first in the history), never by database id.
  const labels = await history.locator("strong").allTextContents();
  expect(labels).toEqual(Array.from({ length: versionCount + 1 }, (_, i) => `v${versionCount + 1 - i}`));
  await expect(view.getByTestId("explorer-metrics")).toContainText(/Previous \(v\d+\)/);
  await expect(explorer.getByTestId("shown-version")).toHaveText(/^v\d+ → v\d+$/);
  await expect(explorer).not.toContainText(`ersion ${newVersion}`);
  await expect(history.first()).toHaveAttribute("data-version", String(newVersion));
  await expect(history.first()).toHaveAttribute("data-current", "true");
  await expect(history.first()).toContainText("edited by a user");
  await expect(history.first().getByTestId("version-diff").locator("ins").first()).toBeVisible();
  await expect(page.getByTestId("latent-explanation")).toContainText(EDITED);
  await page.screenshot({ path: testInfo.outputPath("explorer-after.png"), fullPage: true });

  // The log-x option redraws the same series.
  await view.getByTestId("cdf-chart-log-x").check();
  await expect(view.getByTestId("cdf-chart")).toContainText("log scale");

  // Make the old version current again.
  const old = explorer.locator(`[data-testid="version"][data-version="${oldVersion}"]`);
  await old.getByTestId("make-current").click();
  await expect(old).toHaveAttribute("data-current", "true");
  await expect(history.first()).toHaveAttribute("data-current", "false");
  await expect(view).toHaveAttribute("data-version", String(oldVersion));
  await expect(page.getByTestId("latent-explanation")).not.toContainText(EDITED);
  await page.screenshot({ path: testInfo.outputPath("explorer-restored.png"), fullPage: true });
});

test("an empty explanation cannot be submitted, and the API says why", async ({ page }) => {
  const latent = await activeLatent(page);
  await page.goto(`/latents/${latent}`);
  // Fill only once the page is interactive and its first-view simulation (if any) has finished.
  const explorer = page.getByTestId("latent-explorer");
  await expect(explorer).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await expect(explorer).toHaveAttribute("data-running", "false", { timeout: 30_000 });
  const input = page.getByTestId("explanation-input");
  await input.fill("   ");
  await expect(page.getByTestId("resimulate")).toBeDisabled();
  const response = await page.request.post(`/api/latents/${latent}/simulations`, { data: { text: "" } });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/text is empty/);
});
