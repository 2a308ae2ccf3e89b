import { expect, test } from "@playwright/test";

// Runs after `rewrite prepare`: the latest run shows where its loss comes from (six ways of rewriting per fraction,
// with CIs) and links to its fix-first ledger, which ranks explained latents by oracle gain and sorts on demand.
const VARIANTS = 6;

test("the run page charts where the loss comes from and links to the ledger", async ({ page }) => {
  await page.goto("/runs");
  await page.getByTestId("run-row").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/runs\/\d+$|\/runs\/\d+\?/);
  const fractions = await page.getByTestId("figure3-row").count();

  const section = page.getByTestId("error-decomposition");
  await expect(section.getByRole("heading", { name: "Where the loss comes from" })).toBeVisible();
  const chart = section.getByTestId("decomposition-bars");
  await expect(chart.getByTestId("ce-bar")).toHaveCount(fractions * VARIANTS);
  await expect(chart.getByTestId("ce-error-bar")).toHaveCount(fractions * VARIANTS);
  await expect(section.getByTestId("decomposition-legend")).toContainText("perfect specificity");
  await expect(section.getByTestId("decomposition-legend")).toContainText("true activations (the transcoder alone)");
  const table = section.getByTestId("decomposition-table");
  await expect(table.getByTestId("decomposition-row")).toHaveCount(fractions);
  const values = await table.locator("td[data-column]").evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
  expect(values.length).toBe(fractions * VARIANTS);
  for (const value of values) expect(Number.isFinite(value)).toBe(true);
  // At fraction 0 nothing is rewritten: every variant is the transcoder alone.
  const first = values.slice(0, VARIANTS);
  for (const value of first) expect(value).toBeCloseTo(first[0], 10);
  await expect(section.getByTestId("decomposition-savings").getByTestId("decomposition-saving-row")).toHaveCount(fractions);
  await expect(section).toContainText("median of its non-zero calibrated predictions");

  await section.getByTestId("ledger-link").click();
  await expect(page).toHaveURL(/\/runs\/\d+\/ledger$/);
  await expect(page.getByTestId("ledger-title")).toContainText("fix-first ledger");
  await expect(page.getByTestId("ledger-summary")).toContainText("patched last-token rows");
});

test("the ledger ranks latents by oracle gain, sorts by a column, and links each latent", async ({ page }) => {
  await page.goto("/runs");
  const href = await page.getByTestId("run-row").first().getByRole("link").getAttribute("href");
  await page.goto(`${href}/ledger`);
  const rows = page.getByTestId("ledger-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(100);
  const gains = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-oracle-gain"))));
  for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
  await expect(page.getByTestId("ledger-pages")).toContainText("Page 1 of");

  await page.getByTestId("ledger-sort-oracle-gain").click();
  await expect(page).toHaveURL(/sort=oracle-gain&dir=asc/);
  const ascending = await page.getByTestId("ledger-row").evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-oracle-gain"))));
  for (let i = 1; i < ascending.length; i++) expect(ascending[i]).toBeGreaterThanOrEqual(ascending[i - 1]);

  const latent = await page.getByTestId("ledger-row").first().getAttribute("data-latent");
  await page.getByTestId("ledger-row").first().getByRole("link", { name: latent! }).click();
  await expect(page).toHaveURL(new RegExp(`/latents/${latent}\\?coder=`));
});

test("the ledger compares the proxies with the oracle gain: ρ with CIs, a scatter, the disagreements", async ({ page }) => {
  await page.goto("/runs");
  const href = await page.getByTestId("run-row").first().getByRole("link").getAttribute("href");
  await page.goto(`${href}/ledger`);
  const proxies = page.getByTestId("ledger-proxies");
  const agreement = proxies.getByTestId("proxy-agreement").locator("tbody tr");
  await expect(agreement).toHaveCount(3);
  for (const rho of await agreement.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-rho"))))) {
    expect(rho).toBeGreaterThanOrEqual(-1);
    expect(rho).toBeLessThanOrEqual(1);
  }
  expect(await proxies.getByTestId("proxy-scatter").locator("circle").count()).toBeGreaterThan(100);
  await proxies.getByRole("link", { name: "fuzzing score" }).click();
  await expect(page).toHaveURL(/proxy=fuzzing/);
  await expect(page.getByTestId("ledger-proxies")).toContainText("A high fuzzing score hides a large cost");
});

test("the worst prompts lead to where their loss went: next tokens, CE, the costliest simulation errors", async ({ page }) => {
  await page.goto("/runs");
  await page.getByTestId("run-row").first().getByRole("link").click();
  const worst = page.getByTestId("worst-prompt");
  await expect(worst).toHaveCount(10);
  const prompt = await worst.first().getAttribute("data-prompt");
  await worst.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/prompts/${prompt}$`));
  await expect(page.getByTestId("prompt-title")).toContainText(`test prompt ${prompt}`);
  await expect(page.getByTestId("prompt-next-tokens").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("prompt-ce")).toContainText("every latent rewritten, calibrated");
  const errors = await page.getByTestId("prompt-costliest").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-error")));
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(["false positive", "missed", "wrong magnitude"]).toContain(error);
});
