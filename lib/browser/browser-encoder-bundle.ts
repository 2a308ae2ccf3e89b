import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { coderInputHook } from "@/lib/coder/encode-tokens";
import type { GptNeoXConfig } from "@/lib/formats/hf-config";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { SparsifyConfig } from "@/lib/formats/sparsify-config";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { packModelDir } from "@/lib/packs/pack-manifest";
import { browserAssetUrl, type BrowserAssetFile, type BrowserEncoderDescriptor } from "./browser-encoder-descriptor";

// Server side of in-browser encoding: the prefix graph (token ids → hooks at the coder's layer) and the coder's
// TopK encode graph, the very bytes onnxruntime-node runs for /api/encode, built once per pack identity.

// Above 64 MB a first visit's download and wasm session start take seconds, and the server encodes ~4× faster anyway.
export const BROWSER_GRAPH_LIMIT_BYTES = 64 * 2 ** 20;

export interface BrowserEncoderBundle {
  descriptor: BrowserEncoderDescriptor;
  graphs?: { prefix: Uint8Array; coder: Uint8Array };
}

/** float32 weights dominate the graphs: embedding, blocks 0..L (qkv, dense, MLP, biases, two layer norms), coder. */
export function estimatedGraphBytes(model: GptNeoXConfig, layer: number, coder: SparsifyConfig): number {
  const { vocab_size: vocab, hidden_size: d, intermediate_size: inner } = model;
  const block = 4 * d * d + 2 * d * inner + 9 * d + inner;
  const coderWeights = 2 * coder.numLatents * coder.d_in + coder.numLatents + coder.d_in + (coder.skip_connection ? coder.d_in ** 2 : 0);
  return 4 * (vocab * d + (layer + 1) * block + coderWeights);
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const bundles: Map<string, BrowserEncoderBundle> = ((globalThis as { __rewriteBrowserBundles?: Map<string, BrowserEncoderBundle> }).__rewriteBrowserBundles ??= new Map());

/** The descriptor and graphs for the coder at `hookpoint` of the runtime's pack (throws for an unknown hookpoint). */
export function browserEncoderBundle(runtime: PackRuntime, hookpoint: string): BrowserEncoderBundle {
  const key = `${runtime.identity}:${hookpoint}`;
  const cached = bundles.get(key);
  if (cached) return cached;
  for (const stale of [...bundles.keys()].filter((k) => k.endsWith(`:${hookpoint}`))) bundles.delete(stale);
  const bundle = buildBundle(runtime, hookpoint);
  bundles.set(key, bundle);
  return bundle;
}

function buildBundle(runtime: PackRuntime, hookpoint: string): BrowserEncoderBundle {
  const { identity, manifest, model } = runtime;
  const coder = runtime.coder(hookpoint);
  const numLayers = model.config.num_hidden_layers;
  const layer = parseHookpoint(hookpoint, numLayers).layer;
  const server = (reason: string): BrowserEncoderBundle => ({ descriptor: { mode: "server", identity, hookpoint, reason } });
  const estimate = estimatedGraphBytes(model.config, layer, coder.config);
  const limit = `the browser limit is ${megabytes(BROWSER_GRAPH_LIMIT_BYTES)}`;
  if (estimate > BROWSER_GRAPH_LIMIT_BYTES) return server(`the graphs would be about ${megabytes(estimate)}; ${limit}`);
  const graphs = { prefix: model.graphBytes("prefix", layer), coder: coder.graphBytes("encode") };
  const graphBytes = graphs.prefix.byteLength + graphs.coder.byteLength;
  if (graphBytes > BROWSER_GRAPH_LIMIT_BYTES) return server(`the graphs are ${megabytes(graphBytes)}; ${limit}`);
  const { k, numLatents, d_in: dIn } = coder.config;
  const url = (file: BrowserAssetFile) => browserAssetUrl(identity, hookpoint, file);
  return {
    descriptor: {
      mode: "browser",
      identity,
      hookpoint,
      kind: coder.kind,
      hook: coderInputHook(hookpoint, numLayers),
      dIn,
      k,
      numLatents,
      contextLength: manifest.context_length,
      graphBytes,
      assets: { prefix: url("prefix.onnx"), coder: url("coder.onnx"), tokenizer: url("tokenizer.json"), tokenizerConfig: url("tokenizer_config.json") },
    },
    graphs,
  };
}

/** The bytes of one asset of a browser-mode bundle; tokenizer_config.json is `{}` when the snapshot has none. */
export function browserAssetBytes(runtime: PackRuntime, bundle: BrowserEncoderBundle, file: BrowserAssetFile): Uint8Array | undefined {
  if (!bundle.graphs) return undefined;
  if (file === "prefix.onnx") return bundle.graphs.prefix;
  if (file === "coder.onnx") return bundle.graphs.coder;
  // pack.json's model path is absolute (`pack add`) or relative to the pack folder: resolved, never joined.
  const path = join(packModelDir(runtime.dir, runtime.manifest), file);
  return existsSync(path) ? readFileSync(path) : new TextEncoder().encode("{}");
}
