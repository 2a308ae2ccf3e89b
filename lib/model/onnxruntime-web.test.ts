import * as ortWeb from "onnxruntime-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose, expectRelativelyClose } from "./fixtures/expectations";
import { loadTorchCase, TORCH_CASES, torchCaseIds, type LoadedTorchCase } from "./fixtures/torch-cases";
import { HOOK_NAMES, pastKeyName, pastValueName } from "./gpt-neox-graphs";
import { lastPosition } from "./hooked-model";

// The browser runs the demo model with onnxruntime-web on the very graphs the server builds: load them in its
// wasm backend (here under Node) and check them against the PyTorch loaded.fixture.

const c = TORCH_CASES.find((candidate) => candidate.name === "demo-shaped")!;

async function runWeb(bytes: Uint8Array, feeds: Record<string, ortWeb.Tensor>): Promise<Record<string, Float32Array | Int32Array>> {
  const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all", logSeverityLevel: 3 });
  try {
    const out = await session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([name, tensor]) => [name, tensor.data as Float32Array | Int32Array]));
  } finally {
    await session.release();
  }
}

describe("graphs in onnxruntime-web (wasm)", () => {
  let loaded: LoadedTorchCase;
  const ids = torchCaseIds(c);
  const d = c.config.hidden_size;
  const idsFeed = () => ({ input_ids: new ortWeb.Tensor("int32", ids, [c.batch, c.length]) });
  const ref = (name: string) => loaded.fixture.readFloat32(name);

  beforeAll(() => {
    ortWeb.env.wasm.numThreads = 1;
    loaded = loadTorchCase(c);
  });

  afterAll(() => loaded?.dispose());

  it("runs the forward graph to PyTorch's logits", async () => {
    const out = await runWeb(loaded.model.graphBytes("forward"), idsFeed());
    expectClose(out.logits, ref("logits"), 1e-4);
  });

  it("runs prefix, suffix, clean and last-token graphs, and the coder graphs", async () => {
    const hooks = await runWeb(loaded.model.graphBytes("prefix", c.layer), idsFeed());
    for (const name of HOOK_NAMES) expectRelativelyClose(hooks[name], ref(name), 1e-5);

    const dims = [c.batch, c.length, d];
    const suffix = await runWeb(loaded.model.graphBytes("suffix", c.layer), {
      resid_pre: new ortWeb.Tensor("float32", hooks.resid_pre, dims),
      attn_out: new ortWeb.Tensor("float32", hooks.attn_out, dims),
      mlp_out: new ortWeb.Tensor("float32", hooks.mlp_out, dims),
    });
    expectClose(suffix.logits, ref("logits"), 1e-4);

    const encoded = await runWeb(loaded.transcoder.graphBytes("encode"), { x: new ortWeb.Tensor("float32", hooks.mlp_in, [c.batch * c.length, d]) });
    expect(Array.from(encoded.top_indices)).toEqual(Array.from(loaded.fixture.readInt("transcoder.top_indices") as Int32Array));
    expectRelativelyClose(encoded.decoded, ref("transcoder.decoded"), 1e-5);

    const clean = await runWeb(loaded.model.graphBytes("clean", c.layer), idsFeed());
    const feeds: Record<string, ortWeb.Tensor> = {
      resid_pre: new ortWeb.Tensor("float32", lastPosition(hooks.resid_pre as Float32Array, c.batch, d), [c.batch, d]),
      attn_out: new ortWeb.Tensor("float32", lastPosition(hooks.attn_out as Float32Array, c.batch, d), [c.batch, d]),
      mlp_out: new ortWeb.Tensor("float32", lastPosition(encoded.decoded as Float32Array, c.batch, d), [c.batch, d]),
    };
    const pastDims = [c.batch, c.config.num_attention_heads, c.length - 1, d / c.config.num_attention_heads];
    for (let l = c.layer + 1; l < c.config.num_hidden_layers; l++) {
      feeds[pastKeyName(l)] = new ortWeb.Tensor("float32", clean[pastKeyName(l)], pastDims);
      feeds[pastValueName(l)] = new ortWeb.Tensor("float32", clean[pastValueName(l)], pastDims);
    }
    const last = await runWeb(loaded.model.graphBytes("last-token", c.layer), feeds);
    expectClose(last.logits, ref("last_token_patched.logits"), 1e-4);
  });
});
