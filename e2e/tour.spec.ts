import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { appendFileSync } from "node:fs";
import { join } from "node:path";

// A tour of every page at a desktop width and a phone width (and the main pages dark at the phone width): none may
// scroll sideways, axe finds nothing serious or critical, and each page's full screenshot and weight are attached.
// Runs after `rewrite prepare`: the URLs of a latent, a run, its ledger and a prompt come from the stored data.

interface TourStop {
  name: string;
  path: string;
  /** Not-found pages answer 404; every other stop 200. */
  status: number;
}

interface PageWeight {
  stop: string;
  viewport: string;
  htmlBytes: number;
  jsBytes: number;
  jsFiles: number;
  otherBytes: number;
  domContentLoadedMs: number;
  loadMs: number;
}

const STOP_NAMES = ["overview", "latents", "latent", "runs", "compare runs", "run", "ledger", "prompt", "jobs", "packs", "shared run", "glossary", "not found"];
// Dark mode changes colours only: the pages with charts, tables and the glossary's links cover every colour variable.
const DARK_STOP_NAMES = ["overview", "latents", "latent", "run", "ledger", "glossary"];

const VIEWPORTS = [
  { name: "1400px", width: 1400, height: 900, colorScheme: "light" as const, stops: STOP_NAMES },
  { name: "390px", width: 390, height: 844, colorScheme: "light" as const, stops: STOP_NAMES },
  { name: "390px dark", width: 390, height: 844, colorScheme: "dark" as const, stops: DARK_STOP_NAMES },
];

async function html(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return response.text();
}

let stops: Promise<TourStop[]> | undefined;

/** Finds one of each kind of page from what `prepare` stored, and shares the latest run to get a snapshot page. */
async function discoverStops(request: APIRequestContext): Promise<TourStop[]> {
  const latents = await request.get("/api/latents?sort=detection&dir=desc");
  expect(latents.status(), "GET /api/latents: the pack needs an activation cache (rewrite prepare)").toBe(200);
  const { rows } = (await latents.json()) as { rows: { latent: number; explanation: string | null }[] };
  const latent = rows.find((row) => row.explanation) ?? rows[0];
  const runsHtml = await html(request, "/runs");
  const runId = /href="\/runs\/(\d+)"/.exec(runsHtml)?.[1];
  expect(runId, "no evaluation run is listed on /runs: run `npm run rewrite -- prepare` first").toBeDefined();
  const runHtml = await html(request, `/runs/${runId}`);
  const prompt = new RegExp(`href="(/runs/${runId}/prompts/\\d+)"`).exec(runHtml)?.[1];
  expect(prompt, `run ${runId} links to no prompt page`).toBeDefined();
  const share = await request.post("/api/shares", { data: { kind: "run", runId: Number(runId) } });
  expect(share.status(), await share.text()).toBe(201);
  const { url: shareUrl } = (await share.json()) as { url: string };
  const found: TourStop[] = [
    { name: "overview", path: "/", status: 200 },
    { name: "latents", path: "/latents", status: 200 },
    { name: "latent", path: `/latents/${latent.latent}`, status: 200 },
    { name: "runs", path: "/runs", status: 200 },
    { name: "run", path: `/runs/${runId}`, status: 200 },
    { name: "ledger", path: `/runs/${runId}/ledger`, status: 200 },
    { name: "prompt", path: prompt ?? "", status: 200 },
    { name: "jobs", path: "/jobs", status: 200 },
    { name: "packs", path: "/packs", status: 200 },
    { name: "shared run", path: shareUrl, status: 200 },
    { name: "glossary", path: "/glossary", status: 200 },
    { name: "not found", path: "/no-such-page", status: 404 },
  ];
  // Comparing runs, where the runs list links to it.
  const compare = /href="(\/runs\/compare[^"]*)"/.exec(runsHtml)?.[1];
  if (compare) found.push({ name: "compare runs", path: compare.replaceAll("&amp;", "&"), status: 200 });
  return found;
}

/** The elements sticking out past the viewport's right edge, innermost first, to say what to fix. */
async function overflowCulprits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.right > width + 1 && rect.width > 0;
    });
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 8).map((el) => {
      const rect = el.getBoundingClientRect();
      const id = el.getAttribute("data-testid") ?? el.className.toString().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ""}> right edge ${Math.round(rect.right)} px > ${width} px: ${(el.textContent ?? "").trim().slice(0, 60)}`;
    });
  });
}

async function pageWeight(page: Page, stop: string, viewport: string): Promise<PageWeight> {
  return page.evaluate(
    ({ stop, viewport }) => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const scripts = resources.filter((r) => r.initiatorType === "script" || /\.m?js(\?|$)/.test(r.name));
      const sum = (list: PerformanceResourceTiming[]) => list.reduce((total, r) => total + r.transferSize, 0);
      return {
        stop,
        viewport,
        htmlBytes: navigation.transferSize,
        jsBytes: sum(scripts),
        jsFiles: scripts.length,
        otherBytes: sum(resources.filter((r) => !scripts.includes(r))),
        domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd - navigation.startTime),
        loadMs: Math.round(navigation.loadEventEnd - navigation.startTime),
      };
    },
    { stop, viewport },
  );
}

async function visit(page: Page, stop: TourStop, viewport: string, testInfo: TestInfo): Promise<void> {
  const response = await page.goto(stop.path, { waitUntil: "domcontentloaded" });
  expect(response?.status(), `${stop.path} answered`).toBe(stop.status);
  // Client charts fill in after load; a page that keeps polling or streaming still passes after a moment.
  await page.waitForLoadState("load", { timeout: 60_000 });
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await expect(page.locator("main h1").first()).toBeVisible();
  const weight = await pageWeight(page, stop.name, viewport);
  appendFileSync(join(testInfo.project.outputDir, "tour-weights.jsonl"), `${JSON.stringify(weight)}\n`);
  const screenshot = testInfo.outputPath(`${stop.name} at ${viewport}.png`.replaceAll(" ", "-"));
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach(`${stop.name} at ${viewport}.png`, { path: screenshot, contentType: "image/png" });

  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect.soft(scrollWidth, `${stop.path} scrolls sideways at ${viewport}:\n${(await overflowCulprits(page)).join("\n")}`).toBeLessThanOrEqual(clientWidth + 1);

  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replaceAll("\n", "\n      ") ?? ""}`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}; ${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n");
  expect.soft(serious.length, `axe on ${stop.path} at ${viewport}:\n${report}`).toBe(0);
}

for (const viewport of VIEWPORTS) {
  test.describe(`tour at ${viewport.name}`, () => {
    // A fresh context per page: a cold cache, so each page's weight counts every script it needs.
    test.use({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: viewport.colorScheme });
    for (const name of viewport.stops) {
      test(`${name} at ${viewport.name}`, async ({ page }, testInfo) => {
        // axe over a page of a few thousand nodes takes tens of seconds on a busy two-core machine.
        test.setTimeout(180_000);
        stops ??= discoverStops(page.request);
        const stop = (await stops).find((s) => s.name === name);
        test.skip(!stop, `no ${name} page: nothing links to one`);
        if (stop) await visit(page, stop, viewport.name, testInfo);
      });
    }
  });
}
