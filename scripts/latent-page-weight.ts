// The latent page's weight and load time, as a reader's browser sees them: bytes transferred (HTML document and
// JavaScript, compressed as served), DOMContentLoaded and load, median over runs with a cold cache each time.
// Usage: npx tsx scripts/latent-page-weight.ts http://127.0.0.1:3201/latents/5 [runs]
import { chromium } from "@playwright/test";

const [url, runsArg] = process.argv.slice(2);
if (!url) throw new Error("usage: latent-page-weight.ts <page url> [runs]");
const runs = Number(runsArg ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const rows: { html: number; js: number; other: number; domContentLoadedMs: number; loadMs: number }[] = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const client = await context.newCDPSession(page);
  await client.send("Network.enable");
  await client.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  const bytes = { html: 0, js: 0, other: 0 };
  client.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  client.on("Network.loadingFinished", (e) => {
    const type = types.get(e.requestId);
    const key = type === "Document" ? "html" : type === "Script" ? "js" : "other";
    bytes[key] += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(500);
  const timing = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return { domContentLoadedMs: nav.domContentLoadedEventEnd, loadMs: nav.loadEventEnd };
  });
  rows.push({ ...bytes, ...timing });
  await context.close();
}
await browser.close();
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${url}, ${runs} runs (median): HTML ${kib(median(rows.map((r) => r.html)))}, JS ${kib(median(rows.map((r) => r.js)))}, other ${kib(median(rows.map((r) => r.other)))}; DOMContentLoaded ${median(rows.map((r) => r.domContentLoadedMs)).toFixed(0)} ms, load ${median(rows.map((r) => r.loadMs)).toFixed(0)} ms`);
}

void main();
