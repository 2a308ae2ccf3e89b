import { expect, test, type Page } from "@playwright/test";

// The single-latent page as a researcher uses it: output side, token inspection (click, tap, keys), collapsible
// quantile sections, the histogram's log y, legible chart labels and keyboard navigation.

async function explainedFrequentLatent(page: Page, rank = 2): Promise<number> {
  const response = await page.request.get("/api/latents?sort=frequency&dir=desc");
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: { latent: number; explanation: string | null }[] };
  return rows.filter((r) => r.explanation)[rank].latent;
}

test("output side: ten promoted and ten suppressed tokens, ordered by direct logit, the same as the API's", async ({ page }) => {
  const latent = await explainedFrequentLatent(page);
  // Asked before the page load, on the connection the list request opened (an idle one may be closed by the server).
  const api = (await (await page.request.get(`/api/latents/${latent}`)).json()) as { output: { promoted: { token: number; logit: number }[]; suppressed: { token: number; logit: number }[] } };
  await page.goto(`/latents/${latent}`);
  const output = page.getByTestId("latent-output-side");
  await expect(output).toHaveAttribute("data-source", /^(cache|on demand)$/);
  await expect(output).toContainText("treated as linear");
  const promoted = output.getByTestId("promoted-tokens").locator("li");
  const suppressed = output.getByTestId("suppressed-tokens").locator("li");
  await expect(promoted).toHaveCount(10);
  await expect(suppressed).toHaveCount(10);
  expect(await promoted.evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-token"))))).toEqual(api.output.promoted.map((t) => t.token));
  const logits = api.output.promoted.map((t) => t.logit);
  expect(logits).toEqual([...logits].sort((a, b) => b - a));
  const negative = api.output.suppressed.map((t) => t.logit);
  expect(negative).toEqual([...negative].sort((a, b) => a - b));
  expect(negative[0]).toBeLessThan(logits[0]);
});

test("click a token in an example: its exact value, and the recomputed latents there include this one with the same value", async ({ page }, testInfo) => {
  const latent = await explainedFrequentLatent(page);
  await page.goto(`/latents/${latent}`);
  await expect(page.getByTestId("latent-explorer")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  const active = page.getByTestId("top-examples").locator("[data-activation]").first();
  const value = (await active.getAttribute("data-activation")) as string;
  await active.click();
  const inspector = page.getByTestId("token-inspector");
  await expect(inspector.getByTestId("inspected-activation")).toHaveText(value);
  const self = inspector.getByTestId("inspected-latents").locator(`li[data-latent="${latent}"]`);
  await expect(self).toBeVisible({ timeout: 20_000 });
  // The TopK recomputed through the model agrees with the cache to the 3 digits shown.
  await expect(self).toContainText(Number(value).toPrecision(3));
  await page.screenshot({ path: testInfo.outputPath("token-inspector.png"), fullPage: false });

  // Keyboard: the line is one tab stop; → moves to the next token and inspects it.
  const line = page.getByTestId("top-examples").getByRole("group").first();
  await line.focus();
  await line.press("ArrowRight");
  await expect(page.getByTestId("token-inspector")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/latents/${latent}(\\?|$)`));

  // The route refuses what is not a token index, with a reason.
  const bad = await page.request.get(`/api/latents/${latent}/tokens/abc`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/global index/);
});

test("typed text: tap a token to see this latent's value and the latents active there", async ({ page }) => {
  // The first encoding in a browser loads the model's graphs into onnxruntime-web.
  test.setTimeout(120_000);
  const latent = await explainedFrequentLatent(page);
  await page.goto(`/latents/${latent}`);
  await expect(page.getByTestId("latent-explorer")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await page.getByTestId("try-text-input").fill("The cat sat on the mat, and the dog sat on the log.");
  const tokens = page.getByTestId("try-text-tokens");
  await expect(tokens).toBeVisible({ timeout: 90_000 });
  await tokens.locator("span").nth(1).click();
  const inspector = page.getByTestId("token-inspector");
  await expect(inspector).toContainText("token 2 of");
  await expect(inspector.getByTestId("inspected-latents").locator("li").first()).toBeVisible({ timeout: 20_000 });
});

test("quantile sections collapse (the strongest open), the histogram has log y, chart labels stay legible at 390 px", async ({ page }) => {
  const latent = await explainedFrequentLatent(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/latents/${latent}`);
  const bins = page.getByTestId("quantile-bin");
  expect(await bins.count()).toBeGreaterThan(1);
  await expect(bins.first()).toHaveAttribute("open", "");
  await expect(bins.nth(1)).not.toHaveAttribute("open", "");

  const histogram = page.getByTestId("activation-histogram");
  await expect(histogram.locator("rect").first()).toBeVisible();
  await page.getByTestId("activation-histogram-log-y").check();
  await expect(histogram).toHaveAttribute("data-log-y", "true");
  await expect(histogram).toContainText("log scale");
  // Rendered tick label size: font size × displayed width ÷ drawn width.
  const tickPx = await histogram.evaluate((svg) => {
    const tick = svg.querySelector(".tick text") as SVGTextElement;
    const drawn = (svg as SVGSVGElement).viewBox.baseVal.width;
    return (parseFloat(getComputedStyle(tick).fontSize) * svg.getBoundingClientRect().width) / drawn;
  });
  expect(tickPx).toBeGreaterThanOrEqual(11);
});

test("keys: j / → next latent, k / ← previous, e focuses the editor, and typing is left alone", async ({ page }) => {
  const latent = await explainedFrequentLatent(page, 4);
  await page.goto(`/latents/${latent}`);
  await expect(page.getByTestId("latent-explorer")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await page.keyboard.press("j");
  await expect(page.getByTestId("latent-title")).toHaveText(`Latent ${latent + 1}`, { timeout: 30_000 });
  await expect(page.getByTestId("latent-explorer")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("latent-title")).toHaveText(`Latent ${latent}`, { timeout: 30_000 });
  await expect(page.getByTestId("latent-explorer")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await page.keyboard.press("e");
  await expect(page.getByTestId("explanation-input")).toBeFocused();
  // Typing j in the editor types it, and stays on the page.
  await page.keyboard.press("End");
  await page.keyboard.type(" j");
  await expect(page.getByTestId("latent-title")).toHaveText(`Latent ${latent}`);
  await expect(page.getByTestId("explanation-input")).toHaveValue(/ j$/);
});
