import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGptNeoXConfig } from "@/lib/formats/hf-config";
import { parseSparsifyConfig } from "@/lib/formats/sparsify-config";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { PYTHIA_160M_CONFIG } from "@/lib/model/testing/random-snapshot";
import { defaultPackDir } from "@/lib/settings";
import { readPackManifest } from "@/lib/packs/pack-manifest";
import { BROWSER_GRAPH_LIMIT_BYTES, browserAssetBytes, browserEncoderBundle, estimatedGraphBytes, type BrowserEncoderBundle } from "./browser-encoder-bundle";

// Which packs encode in the browser: the demo pack's graphs are a few MB; a Pythia-160m transcoder's are not.

const pythia = parseGptNeoXConfig(PYTHIA_160M_CONFIG);
const pythiaTranscoder = parseSparsifyConfig({ d_in: 768, num_latents: 32768, k: 32, transcode: true, skip_connection: true });

describe("browserEncoderBundle", () => {
  it("offers the demo pack's coders to the browser, with the estimate within 2% of the built graphs", () => {
    const pack = getPackRuntime(defaultPackDir());
    for (const { hookpoint } of pack.manifest.coders) {
      const { descriptor, graphs } = browserEncoderBundle(pack, hookpoint);
      if (descriptor.mode !== "browser") throw new Error(descriptor.reason);
      expect(descriptor.graphBytes).toBe(graphs!.prefix.byteLength + graphs!.coder.byteLength);
      expect(descriptor.graphBytes).toBeLessThan(BROWSER_GRAPH_LIMIT_BYTES);
      const estimate = estimatedGraphBytes(pack.model.config, pack.manifest.layer, pack.coder(hookpoint).config);
      expect(Math.abs(estimate - descriptor.graphBytes) / descriptor.graphBytes).toBeLessThan(0.02);
      expect(descriptor.assets.prefix).toBe(`/api/browser-encoder/${pack.identity}/${hookpoint}/prefix.onnx`);
    }
  });

  it("keeps a Pythia-160m transcoder at layer 6 on the server, without building its graphs", () => {
    // Embedding 50304·768 + 7 blocks of (4·768² + 2·768·3072 + 9·768 + 3072) + coder 2·32768·768 + 32768 + 768 + 768².
    const params = 50304 * 768 + 7 * (4 * 768 ** 2 + 2 * 768 * 3072 + 9 * 768 + 3072) + 2 * 32768 * 768 + 32768 + 768 + 768 ** 2;
    expect(estimatedGraphBytes(pythia, 6, pythiaTranscoder)).toBe(4 * params);
    const runtime = {
      identity: "pythia",
      manifest: { context_length: 128 },
      model: {
        config: pythia,
        graphBytes: () => {
          throw new Error("built a graph");
        },
      },
      coder: () => ({ config: pythiaTranscoder, kind: "transcoder" }),
    } as unknown as PackRuntime;
    const { descriptor, graphs } = browserEncoderBundle(runtime, "layers.6.mlp");
    expect(graphs).toBeUndefined();
    expect(descriptor).toEqual({ mode: "server", identity: "pythia", hookpoint: "layers.6.mlp", reason: "the graphs would be about 531.0 MB; the browser limit is 64.0 MB" });
  });
});

describe("browserAssetBytes", () => {
  it("serves the tokenizer of a pack whose model folder is elsewhere, named absolutely (pack add) or relatively", () => {
    const root = mkdtempSync(join(tmpdir(), "rewrite-browser-tokenizer-"));
    try {
      const modelDir = join(root, "models", "tiny");
      mkdirSync(modelDir, { recursive: true });
      const tokenizer = JSON.stringify({ model: { type: "BPE", vocab: { a: 0 } } });
      writeFileSync(join(modelDir, "tokenizer.json"), tokenizer);
      const bundle = { descriptor: {}, graphs: { prefix: new Uint8Array(1), coder: new Uint8Array(1) } } as unknown as BrowserEncoderBundle;
      for (const [name, model] of [["absolute", modelDir], ["relative", "../../models/tiny"]]) {
        const packDir = join(root, "data", name);
        mkdirSync(packDir, { recursive: true });
        const coders = [{ kind: "transcoder", hookpoint: "layers.0.mlp", path: join(root, "coder") }];
        writeFileSync(join(packDir, "pack.json"), JSON.stringify({ name, model, layer: 0, coders }));
        const runtime = { dir: packDir, manifest: readPackManifest(packDir) } as unknown as PackRuntime;
        expect(new TextDecoder().decode(browserAssetBytes(runtime, bundle, "tokenizer.json"))).toBe(tokenizer);
        // A snapshot without tokenizer_config.json gets the documented empty object.
        expect(new TextDecoder().decode(browserAssetBytes(runtime, bundle, "tokenizer_config.json"))).toBe("{}");
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
