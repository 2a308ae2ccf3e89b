import { expect, test, type APIRequestContext } from "@playwright/test";

// The latent page says so when calibration sends every prediction of a firing latent to 0 (§2.1 ties): under
// mid-rank ties most rare latents of the demo pack are erased this way; conditional-mean ties keep them.

interface Versions {
  versions: { id: number; isCurrent: boolean; text: string; simulation: { quantileMap: { tieRule?: string; erasure?: string | null } | null } | null }[];
}

async function currentSimulation(request: APIRequestContext, latent: number, tieRule: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const data = (await (await request.get(`/api/latents/${latent}/versions`)).json()) as Versions;
    const map = data.versions.find((v) => v.isCurrent)?.simulation?.quantileMap;
    if (map?.tieRule === tieRule) return map;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`latent ${latent}: no ${tieRule} simulation appeared`);
}

/** A rare, explained, firing latent whose mid-rank calibration erases it (found through the same JSON API the page uses). */
async function erasedLatent(request: APIRequestContext): Promise<number> {
  // minDetection=0 keeps explained, scored latents only (the rarest rows are otherwise dead latents).
  const listed = await request.get("/api/latents?sort=frequency&dir=asc&minDetection=0");
  const { rows } = (await listed.json()) as { rows: { latent: number; explanation: string | null; frequency: number }[] };
  for (const row of rows.filter((r) => r.explanation && r.frequency > 0).slice(0, 8)) {
    const versions = (await (await request.get(`/api/latents/${row.latent}/versions`)).json()) as Versions;
    const current = versions.versions.find((v) => v.isCurrent)!;
    const started = await request.post(`/api/latents/${row.latent}/simulations`, { data: { text: current.text, parentId: current.id, tieRule: "mid-rank" } });
    expect(started.status()).toBe(202);
    if ((await currentSimulation(request, row.latent, "mid-rank")).erasure) return row.latent;
  }
  throw new Error("none of the 8 rarest explained latents is erased by mid-rank calibration");
}

test("the latent page warns when calibration erases a latent, and conditional-mean ties do not", async ({ page }, testInfo) => {
  // Finding the latent simulates up to 8 of them before the page is opened.
  test.setTimeout(120_000);
  const latent = await erasedLatent(page.request);
  await page.goto(`/latents/${latent}`);
  const explorer = page.getByTestId("latent-explorer");
  const warning = explorer.getByTestId("calibration-erasure-warning");
  await expect(warning).toContainText("Calibration sends every prediction to 0");
  await expect(warning).toContainText("mid-rank tie rule");
  // Everything maps to 0: the quantile map keeps a fixed, readable y-axis and says so.
  await expect(explorer.getByTestId("quantile-map-fixed-domain")).toBeVisible();
  await expect(explorer.getByTestId("quantile-map-chart")).toHaveAttribute("data-y-max", "1");
  await expect(explorer).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("calibration-warning.png"), fullPage: true });

  // The same explanation calibrated with conditional-mean ties keeps a non-zero value for its top block.
  await explorer.getByTestId("tie-rule-select").selectOption("conditional-mean");
  await explorer.getByTestId("resimulate").click();
  await currentSimulation(page.request, latent, "conditional-mean");
  await page.reload();
  await expect(page.getByTestId("latent-explorer").getByTestId("explorer-view")).toContainText("Tied raw predictions: conditional-mean");
  await expect(page.getByTestId("calibration-erasure-warning")).toHaveCount(0);
});

test("a simulation request with an unknown tie rule is refused with 400, naming the choices", async ({ page }) => {
  const { rows } = (await (await page.request.get("/api/latents?sort=frequency&dir=desc")).json()) as { rows: { latent: number }[] };
  const response = await page.request.post(`/api/latents/${rows[0].latent}/simulations`, { data: { text: "anything", tieRule: "lowest" } });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/conditional-mean, mid-rank, upper-quantile/);
});
