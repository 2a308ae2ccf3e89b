import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Separate data and output folders let several e2e runs share one checkout.
const dataDir = process.env.E2E_DATA_DIR ?? "test-results/e2e-data";
const outputDir = process.env.E2E_OUTPUT_DIR ?? "test-results";

// Debian's Chromium, never a downloaded browser; the flags keep it off the (closed) network.
export default defineConfig({
  testDir: "e2e",
  outputDir,
  timeout: 60_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The first start prepares the demo pack (cache, baselines, evaluation) exactly as `npm start` does.
    command: `npx tsx cli/rewrite.ts prepare && npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 900_000,
    reuseExistingServer: false,
    // prepare's stage and progress lines show in the test log while the first start runs.
    stdout: "pipe",
    env: { REWRITE_DATA_DIR: dataDir },
  },
});
