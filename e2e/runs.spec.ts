import { expect, test } from "@playwright/test";

// Runs after `rewrite prepare` has stored the loaded pack's evaluation runs: the latest run must show the paper's
// Figure 3 (table and bars with CIs), the explanations' sensitivity / specificity by score, and its config.
const FRACTIONS = ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"];

test("the latest run: Figure-3 table, CE-increase bars with CIs, quality by score, config", async ({ page }, testInfo) => {
  await page.goto("/runs");
  const rows = page.getByTestId("run-row");
  await expect(rows.first(), "no evaluation run is stored: run `npm run rewrite -- prepare` before the browser tests").toBeVisible();
  await rows.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/runs\/\d+/);
  await expect(page.getByTestId("run-title")).toContainText("held-out prompts");

  const tableRows = page.getByTestId("figure3-row");
  await expect(tableRows).toHaveCount(FRACTIONS.length);
  expect(await tableRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-fraction")))).toEqual(FRACTIONS);
  const values = await page
    .getByTestId("figure3-table")
    .locator("td[data-column]")
    .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-value")));
  // five ways of rewriting, then the transcoder's references: zero ablation, mean ablation, every latent zeroed
  expect(values.length).toBe(FRACTIONS.length * 8);
  for (const value of values) expect(Number.isFinite(Number(value)) && value !== null).toBe(true);

  const chart = page.getByTestId("ce-increase-bars");
  await expect(chart.getByTestId("ce-bar").first()).toBeVisible();
  // top / random × calibrated / uncalibrated, and the top-scoring latents zeroed: five bars per fraction
  await expect(chart.getByTestId("ce-bar")).toHaveCount(FRACTIONS.length * 5);
  await expect(chart.getByTestId("ce-error-bar")).toHaveCount(FRACTIONS.length * 5);
  await expect(chart.getByTestId("reference-line")).toHaveCount(1);
  await expect(chart).toContainText("(nats)");
  await expect(chart).toContainText("fraction of latents rewritten");
  await expect(page.getByTestId("ce-increase-legend")).toContainText("zero ablation");
  // The verdict comes from paired per-prompt differences, one row per fraction and a cell per reference.
  await expect(page.getByTestId("paired-verdict")).toContainText("Against zero ablation");
  await expect(page.getByTestId("paired-verdict")).toContainText("(paired)");
  const paired = page.getByTestId("paired-verdicts");
  await expect(paired.locator("tbody tr")).toHaveCount(FRACTIONS.length);
  const kinds = await paired.locator("td[data-kind]").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-kind")));
  expect(kinds.length).toBe(FRACTIONS.length * 3);
  for (const kind of kinds) expect(["beats", "worse", "indistinguishable"]).toContain(kind);
  // Every protocol choice is stated beside the paper's.
  const protocol = page.getByTestId("run-protocol");
  await expect(protocol).toContainText("the transcoder's own TopK output");
  await expect(protocol).toContainText("conditional-mean");
  await expect(protocol).toContainText("an offline string-matching baseline, not an LLM");
  await expect(page.getByTestId("pre-topk-quality")).toContainText("about 80% specificity");
  await expect(page.getByTestId("calibration-erasure")).toContainText("mid-rank ties would erase");

  // one bar per measure and non-empty score bin (a bar of height 0 is a mean of 0, not a missing bar)
  expect(await page.getByTestId("quality-by-detection").getByTestId("quality-bar").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("run-config")).toContainText("calibrationTarget");
  await page.screenshot({ path: testInfo.outputPath("run-page.png"), fullPage: true });

  // Fig. 3's own bar height: the median absolute difference.
  await page.getByRole("link", { name: /median \|CE increase\|/ }).click();
  await expect(page).toHaveURL(/statistic=median-absolute/);
  await expect(tableRows).toHaveCount(FRACTIONS.length);
  await expect(chart).toContainText("median |CE increase|");
  await page.screenshot({ path: testInfo.outputPath("run-page-median.png"), fullPage: true });
});

test("an unknown run id answers with the 404 page", async ({ page }) => {
  for (const id of ["999999999", "abc"]) {
    const response = await page.goto(`/runs/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("run-not-found")).toBeVisible();
  }
});

test("Share freezes a run at /s/<slug>: a fresh browser sees the same numbers and a link preview", async ({ page, browser }, testInfo) => {
  await page.goto("/runs");
  await page.getByTestId("run-row").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/runs\/\d+/);
  const liveValues = await page.getByTestId("figure3-table").locator("td[data-column]").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-value")));
  const liveVerdict = await page.getByTestId("paired-verdict").textContent();

  await page.getByTestId("share-button").click();
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/s\/[2-9a-z_]{12}$/);

  // A new context shares no cookies, storage or cache with the page that made the link.
  const fresh = await browser.newContext();
  const viewer = await fresh.newPage();
  const response = await viewer.goto(link);
  expect(response?.status()).toBe(200);
  await expect(viewer.getByTestId("snapshot-banner")).toContainText("Shared snapshot");
  await expect(viewer.getByTestId("share-button")).toHaveCount(0);
  const sharedValues = await viewer.getByTestId("figure3-table").locator("td[data-column]").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-value")));
  expect(sharedValues).toEqual(liveValues);
  await expect(viewer.getByTestId("paired-verdict")).toHaveText(liveVerdict ?? "");
  await expect(viewer.getByTestId("ce-increase-bars").getByTestId("ce-bar").first()).toBeVisible();
  const ogTitle = await viewer.locator('meta[property="og:title"]').getAttribute("content");
  const ogDescription = await viewer.locator('meta[property="og:description"]').getAttribute("content");
  expect(ogTitle).toMatch(/^Run \d+: rewriting a (transcoder|sae) /);
  expect(ogDescription).toContain("held-out prompts");
  await viewer.screenshot({ path: testInfo.outputPath("shared-run.png"), fullPage: true });

  // The snapshot keeps the page's toggles, inside the snapshot.
  await viewer.getByRole("link", { name: /median \|CE increase\|/ }).click();
  await expect(viewer).toHaveURL(/\/s\/[2-9a-z_]{12}\?statistic=median-absolute/);
  await expect(viewer.getByTestId("ce-increase-bars")).toContainText("median |CE increase|");
  await fresh.close();

  expect((await page.request.get("/s/222222222222")).status()).toBe(404);
});

test("each run's headline on /runs is its Figure-3 cell at fraction 1 beside its reference", async ({ page }) => {
  await page.goto("/runs");
  const row = page.getByTestId("run-row").first();
  const headline = (await row.getByTestId("run-headline-cell").textContent()) ?? "";
  const [rewrite, reference] = [...headline.matchAll(/(-?\d+\.\d+) \[(-?\d+\.\d+), (-?\d+\.\d+)\]/g)].map((m) => Number(m[1]));
  expect(headline).toContain("vs zero ablation");
  await row.getByRole("link").first().click();
  const cellAtOne = (column: string) => page.locator(`[data-testid="figure3-row"][data-fraction="1"] td[data-column="${column}"]`).getAttribute("data-value");
  expect(rewrite).toBeCloseTo(Number(await cellAtOne("top-calibrated")), 3);
  expect(reference).toBeCloseTo(Number(await cellAtOne("zero-ablation")), 3);
});

test("pick two runs and compare them on one chart; a run against itself differs by exactly 0", async ({ page }, testInfo) => {
  await page.goto("/runs");
  const ids = await page.getByTestId("run-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run")));
  // The newest run is B; A defaults to the one before it (the same run when there is only one).
  const [a, b] = [ids[Math.min(1, ids.length - 1)], ids[0]];
  await page.getByTestId(`compare-a-${b}`).check();
  await page.getByTestId("compare-runs").click();
  await expect(page).toHaveURL(new RegExp(`/runs/compare\\?a=${b}&b=${b}$`));
  await expect(page.getByTestId("compare-title")).toHaveText(`Run ${b} vs run ${b}`);
  const chart = page.getByTestId("compare-bars");
  await expect(chart.getByTestId("ce-bar")).toHaveCount(FRACTIONS.length * 2);
  await expect(chart.getByTestId("ce-error-bar")).toHaveCount(FRACTIONS.length * 2);
  await expect(chart.getByTestId("reference-line")).toHaveCount(1);
  const differences = await page.getByTestId("compare-difference").evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-estimate"))));
  expect(differences.length).toBeGreaterThan(0);
  expect(differences.every((d) => d === 0)).toBe(true);
  for (const row of await page.getByTestId("compare-row").allTextContents()) expect(row).toContain("no detectable difference");
  await page.screenshot({ path: testInfo.outputPath("runs-compare.png"), fullPage: true });

  if (a !== b) {
    await page.goto(`/runs/compare?a=${a}&b=${b}`);
    await expect(page.getByTestId("compare-bars").getByTestId("ce-bar").first()).toBeVisible();
    await expect(page.getByTestId("compare-table").or(page.getByTestId("compare-unpaired"))).toBeVisible();
  }
  const missing = await page.goto("/runs/compare?a=999999&b=1");
  expect(missing?.status()).toBe(404);
  await page.goto("/runs/compare?a=x");
  await expect(page.getByTestId("compare-error")).toBeVisible();
});

test("/jobs links a finished evaluation to the run it stored", async ({ page }) => {
  await page.goto("/jobs");
  const evaluation = page.locator('[data-testid="job-row"][data-status="done"]', { hasText: "evaluate" }).first();
  test.skip((await evaluation.count()) === 0, "no finished evaluation job");
  const link = evaluation.getByTestId("job-outputs").getByRole("link").first();
  const label = (await link.textContent()) ?? "";
  await link.click();
  if (label.startsWith("run ")) await expect(page.getByTestId("run-title")).toBeVisible();
  else await expect(page).toHaveURL(/\/runs$/);
});
