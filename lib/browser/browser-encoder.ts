import type * as OrtWeb from "onnxruntime-web";
import { textLatents, tokenizeWithinLimits, type TextLatents } from "@/lib/coder/text-latents";
import { parseTokenizer } from "@/lib/formats/text-tokenizer";
import type { BrowserModeDescriptor } from "./browser-encoder-descriptor";

// Text → tokens (tokenizers.js) → prefix graph → the coder's TopK encode graph, in onnxruntime-web: the same
// graphs and the same text steps as /api/encode, so the browser's latents are the server's. No fetching here
// (load-browser-encoder.ts does it), so tests run it in Node on the server's bytes.

export type OrtWebModule = typeof OrtWeb;

export interface BrowserEncoderAssets {
  descriptor: BrowserModeDescriptor;
  prefixGraph: Uint8Array;
  coderGraph: Uint8Array;
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
}

export interface BrowserEncoder {
  descriptor: BrowserModeDescriptor;
  /** The text's tokens and each token's first `topN` active TopK latents; refuses text the server refuses. */
  encode(text: string, topN: number): Promise<TextLatents>;
  release(): Promise<void>;
}

export async function createBrowserEncoder(ort: OrtWebModule, assets: BrowserEncoderAssets): Promise<BrowserEncoder> {
  const { descriptor } = assets;
  const tokenizer = parseTokenizer(assets.tokenizerJson, assets.tokenizerConfig);
  const options: OrtWeb.InferenceSession.SessionOptions = { executionProviders: ["wasm"], graphOptimizationLevel: "all", logSeverityLevel: 3 };
  const prefix = await ort.InferenceSession.create(assets.prefixGraph, options);
  const coder = await ort.InferenceSession.create(assets.coderGraph, options);

  const run = async (ids: Int32Array, topN: number): Promise<TextLatents> => {
    if (ids.length === 0) return { tokens: [], latents: [] };
    const hooks = await prefix.run({ input_ids: new ort.Tensor("int32", ids, [1, ids.length]) }, [descriptor.hook]);
    const x = hooks[descriptor.hook].data as Float32Array;
    const out = await coder.run({ x: new ort.Tensor("float32", x, [ids.length, descriptor.dIn]) }, ["top_values", "top_indices"]);
    return textLatents(tokenizer, ids, out.top_values.data as Float32Array, out.top_indices.data as Int32Array, descriptor.k, topN);
  };

  // A wasm session runs one call at a time: queue calls that arrive while one is running.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    descriptor,
    async encode(text, topN) {
      const ids = tokenizeWithinLimits(tokenizer, text, descriptor.contextLength);
      const result = queue.then(() => run(ids, topN));
      queue = result.catch(() => undefined);
      return result;
    },
    async release() {
      await Promise.all([prefix.release(), coder.release()]);
    },
  };
}
