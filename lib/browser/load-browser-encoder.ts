import { createBrowserEncoder, type BrowserEncoder } from "./browser-encoder";
import { browserEncoderDescriptorSchema, browserEncoderDescriptorUrl, ortWasmPath } from "./browser-encoder-descriptor";

// The browser's side of GET /api/browser-encoder: read the descriptor, then (in browser mode) load
// onnxruntime-web's wasm backend and the pack's graphs and tokenizer, once per page and coder.

/** In browser mode, with how long the one-off download and session start took and how many graph bytes it fetched. */
export type LoadedEncoder = { mode: "browser"; encoder: BrowserEncoder; loadMs: number; graphBytes: number } | { mode: "server"; reason: string };

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(`${url} answered ${response.status}: ${body?.error ?? response.statusText}`);
  }
  return response;
}

const bytesOf = async (url: string) => new Uint8Array(await (await fetchOk(url)).arrayBuffer());

async function load(hookpoint: string): Promise<LoadedEncoder> {
  const start = performance.now();
  const descriptor = browserEncoderDescriptorSchema.parse(await (await fetchOk(browserEncoderDescriptorUrl(hookpoint))).json());
  if (descriptor.mode === "server") return { mode: "server", reason: descriptor.reason };
  const ort = await import("onnxruntime-web/wasm");
  // Single-threaded: threads need cross-origin isolation (SharedArrayBuffer), which the app does not set.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = ortWasmPath(ort.env.versions.web ?? "unknown");
  const { assets } = descriptor;
  const [prefixGraph, coderGraph, tokenizerJson, tokenizerConfig] = await Promise.all([
    bytesOf(assets.prefix),
    bytesOf(assets.coder),
    fetchOk(assets.tokenizer).then((r) => r.json()),
    fetchOk(assets.tokenizerConfig).then((r) => r.json()),
  ]);
  const encoder = await createBrowserEncoder(ort, { descriptor, prefixGraph, coderGraph, tokenizerJson, tokenizerConfig });
  return { mode: "browser", encoder, loadMs: performance.now() - start, graphBytes: descriptor.graphBytes };
}

const loading = new Map<string, Promise<LoadedEncoder>>();

/** The encoder for the coder at `hookpoint`, loaded on first call; a failed load rejects (callers use the server). */
export function loadBrowserEncoder(hookpoint: string): Promise<LoadedEncoder> {
  let loaded = loading.get(hookpoint);
  if (!loaded) {
    loaded = load(hookpoint);
    loading.set(hookpoint, loaded);
  }
  return loaded;
}
