import { describe, expect, it } from "vitest";
import { parseGptNeoXConfig } from "@/lib/formats/hf-config";
import { parseSparsifyConfig } from "@/lib/formats/sparsify-config";
import type { PackRuntime } from "@/lib/model/pack-runtime";
import { getPackRuntime } from "@/lib/model/pack-runtime";
import { PYTHIA_160M_CONFIG } from "@/lib/model/random-snapshot";
import { defaultPackDir } from "@/lib/settings";
import { BROWSER_GRAPH_LIMIT_BYTES, browserEncoderBundle, estimatedGraphBytes } from "./browser-encoder-bundle";

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
