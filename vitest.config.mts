import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,db,cli,app,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 60_000,
    pool: "forks",
  },
});
