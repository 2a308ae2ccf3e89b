import { expect, test } from "@playwright/test";

// The explorer's paired A/B: a re-simulated version is compared with its parent on the same contexts and development
// prompts, and the Change column gives each metric's paired CI and verdict.
const VERDICT = /^(better|worse|no detectable difference)$/;

test("a re-simulated version shows paired changes with CIs and verdicts against its parent", async ({ page }) => {
  const response = await page.request.get("/api/latents?sort=frequency&dir=desc");
  const { rows } = (await response.json()) as { rows: { latent: number; explanation: string | null }[] };
  const latent = rows.filter((r) => r.explanation)[5].latent;
  await page.goto(`/latents/${latent}`);
  const explorer = page.getByTestId("latent-explorer");
  const view = explorer.getByTestId("explorer-view");
  await expect(view.getByTestId("metric-rewrite-impact")).toHaveText(/^-?\d+\.\d{5}$/, { timeout: 60_000 });
  const parent = await view.getAttribute("data-version");

  await explorer.getByTestId("explanation-input").fill('Fires on "the", "of" and "." (a paired A/B check)');
  await explorer.getByTestId("explanation-input").press("Control+Enter");
  await expect(view).not.toHaveAttribute("data-version", parent!, { timeout: 60_000 });
  // Labelled by per-latent version numbers, never database ids.
  await expect(view.getByTestId("explorer-metrics")).toContainText(/Previous \(v\d+\)/);
  await expect(view.getByTestId("explorer-metrics")).not.toContainText(`version ${parent}`);
  await expect(explorer.getByTestId("shown-version")).toHaveText(/^v(\d+) → v(\d+)$/);

  for (const metric of ["sensitivity", "specificity", "rewrite-impact"]) {
    const cell = view.getByTestId(`change-${metric}`);
    await expect(cell).toHaveAttribute("data-verdict", VERDICT);
    await expect(cell).toHaveText(/^[+−±]\d+\.\d+ \[-?\d+\.\d+, -?\d+\.\d+\] · (better|worse|no detectable difference)$/);
  }
  await expect(view.getByTestId("explorer-ab-note")).toContainText("bootstrap CI that resamples them with both versions");
});
