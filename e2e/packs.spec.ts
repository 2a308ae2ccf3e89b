import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";

// The packs page on the demo pack: every page's header names the active pack, a pack that fails the checks of
// `rewrite pack add` is refused with the reason, and a coder without an activation cache can have one built.
const manifest = JSON.parse(readFileSync("packs/demo/pack.json", "utf8")) as { name: string; coders: { kind: string; hookpoint: string }[] };
const demoName = manifest.name;

test("the packs page lists the active pack and shows why a pack is refused", async ({ page }) => {
  await page.goto("/latents");
  await expect(page.getByTestId("active-pack")).toContainText(demoName);
  await page.getByTestId("active-pack").click();
  await expect(page).toHaveURL(/\/packs$/);
  await expect(page.getByTestId(`pack-${demoName}`)).toContainText("active");
  await page.getByTestId("add-pack-name").fill("broken");
  await page.getByTestId("add-pack-model").fill("/nonexistent/pythia-160m");
  await page.getByTestId("add-pack-coders").fill("/nonexistent/transcoder");
  await page.getByTestId("add-pack-submit").click();
  // Outside REWRITE_PACK_ROOTS: refused without saying whether the folder exists.
  await expect(page.getByTestId("add-pack-error")).toContainText("/nonexistent/pythia-160m is not under a folder the server may read for the browser");
  await expect(page.getByTestId("pack-broken")).toHaveCount(0);
});

test("a coder without a cache is offered on /latents and built from /packs as a job that links to its latents", async ({ page, request }, testInfo) => {
  test.setTimeout(600_000);
  await page.goto("/packs");
  const buttons = await Promise.all(manifest.coders.map(async (c) => ((await page.getByTestId(`build-cache-${c.hookpoint}`).count()) > 0 ? c : null)));
  const coder = buttons.find((c) => c !== null);
  test.skip(!coder, "every coder of the pack is cached already");
  const hookpoint = coder!.hookpoint;

  // The latent list names it as uncached, and opening it offers the build.
  await page.goto("/latents");
  await expect(page.getByTestId(`coder-${hookpoint}`)).toContainText("no cache yet");
  await page.getByTestId(`coder-${hookpoint}`).click();
  await expect(page.getByTestId("no-latent-cache")).toContainText(hookpoint);
  await expect(page.getByTestId(`build-cache-${hookpoint}`)).toBeVisible();

  // Bad input is refused with why, starting nothing.
  const refused = await request.post("/api/packs/cache", { data: { hookpoint: "layers.99.mlp" } });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toContain('has no coder at "layers.99.mlp"');

  // A small build (2^14 tokens) from /packs: progress shows, then the coder's latents are browsable.
  await page.goto("/packs");
  await page.getByTestId(`build-cache-tokens-${hookpoint}`).fill("16384");
  await page.getByTestId(`build-cache-${hookpoint}`).click();
  const progress = page.getByTestId(`cache-build-${hookpoint}`);
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).toHaveAttribute("data-status", /queued|running|done/);
  await page.screenshot({ path: testInfo.outputPath("packs-cache-building.png"), fullPage: true });
  const jobId = ((await progress.getByRole("link").textContent()) ?? "").match(/Job (\d+)/)?.[1];
  expect(jobId).toBeDefined();
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${jobId}`)).json()) as { job: { status: string } }).job.status, { timeout: 480_000, intervals: [2000] })
    .toBe("done");
  await page.reload();
  await expect(page.getByTestId(`pack-${demoName}`)).toContainText("16,384 tokens cached");
  await expect(page.getByTestId(`build-cache-${hookpoint}`)).toHaveCount(0);

  await page.goto("/jobs");
  const job = page.getByTestId("job-row").first();
  await expect(job).toHaveAttribute("data-status", "done");
  await job.getByTestId("job-outputs").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/latents\\?coder=${hookpoint.replaceAll(".", "\\.")}`));
  await expect(page.getByTestId("latent-row").first()).toBeVisible();
  await expect(page.getByTestId("coder-switch").locator("[aria-current=page]")).toContainText(hookpoint);
});
