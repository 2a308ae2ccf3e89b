import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";

// The packs page on the demo pack: every page's header names the active pack, and a pack that fails the checks
// of `rewrite pack add` is refused with the reason, registering nothing.
const demoName = (JSON.parse(readFileSync("packs/demo/pack.json", "utf8")) as { name: string }).name;

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
