import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

// onnxruntime-web's wasm runtime, served from node_modules by /api/ort-wasm/:version/:file (the browser sets
// env.wasm.wasmPaths there), so the app needs no CDN and no copy step. Only its runtime files, never a path.

const RUNTIME_FILE = /^ort-wasm-simd-threaded(\.(jsep|jspi|asyncify))?\.(wasm|mjs)$/;

// turbopackIgnore: a run-time folder, not files to bundle.
const distDir = () => resolve(/*turbopackIgnore: true*/ process.cwd(), "node_modules/onnxruntime-web");

export type OrtWasmFile = { path: string; contentType: string } | { error: string };

export function installedOrtWebVersion(): string {
  return (JSON.parse(readFileSync(join(distDir(), "package.json"), "utf8")) as { version: string }).version;
}

/** The file to serve for a request of `file` by an onnxruntime-web of `version`. */
export function ortWasmFile(version: string, file: string): OrtWasmFile {
  const installed = installedOrtWebVersion();
  if (version !== installed) return { error: `onnxruntime-web ${version} was asked for; this server has ${installed}` };
  if (!RUNTIME_FILE.test(file)) return { error: `"${file}" is not an onnxruntime-web runtime file (ort-wasm-simd-threaded*.wasm / .mjs)` };
  const path = join(distDir(), "dist", file);
  if (!existsSync(path)) return { error: `${file} is missing from the installed onnxruntime-web` };
  return { path, contentType: file.endsWith(".wasm") ? "application/wasm" : "text/javascript" };
}
