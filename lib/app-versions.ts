import { readFileSync } from "node:fs";
import { join } from "node:path";

// Versions read from installed package.json files, so /api/health reports what actually runs.
function installedVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

export function appVersions(): Record<string, string> {
  const app = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")) as { version: string };
  return {
    rewrite: app.version,
    node: process.versions.node,
    next: installedVersion("next"),
    react: installedVersion("react"),
    "onnxruntime-node": installedVersion("onnxruntime-node"),
    "better-sqlite3": installedVersion("better-sqlite3"),
  };
}
