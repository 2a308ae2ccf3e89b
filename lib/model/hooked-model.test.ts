import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectClose } from "./fixtures/expectations";
import { HookedGptNeoX, lastPosition } from "./hooked-model";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot } from "@/lib/model/testing/random-snapshot";

// Edge cases of the hooked runtime on a tiny random model (parity itself is torch-parity.test.ts).

const dir = mkdtempSync(join(tmpdir(), "hooked-model-"));
const config = { ...DEMO_SHAPED_CONFIG, vocab_size: 32, hidden_size: 16, num_attention_heads: 2, intermediate_size: 16, num_hidden_layers: 3, max_position_embeddings: 8 };
writeRandomGptNeoXSnapshot(dir, config, 3);
const model = HookedGptNeoX.load(dir, { threads: 1 });
afterAll(async () => {
  await model.release();
  rmSync(dir, { recursive: true, force: true });
});

describe("HookedGptNeoX", () => {
  it.each([
    [0, 1],
    [2, 1],
    [2, 5],
  ])("fast path at layer %i with %i-token prompts (no cached positions / the last layer) equals the clean logits", async (layer, length) => {
    const ids = Int32Array.from({ length: 2 * length }, (_, i) => (i * 5 + 1) % 32);
    const clean = await model.cleanRun(ids, 2, layer);
    const last = { resid_pre: lastPosition(clean.hooks.resid_pre, 2, 16), attn_out: lastPosition(clean.hooks.attn_out, 2, 16), mlp_out: lastPosition(clean.hooks.mlp_out, 2, 16) };
    expectClose(await model.lastTokenLogits(clean.cache, last), lastPosition(clean.logits, 2, 32), 1e-5);
  });

  it("rejects ids outside the vocabulary, ragged batches and over-long sequences", async () => {
    await expect(model.forward(Int32Array.of(1, 32), 1)).rejects.toThrow(/token id 32 is outside the vocabulary \[0, 32\)/);
    await expect(model.forward(Int32Array.of(1, 2, 3), 2)).rejects.toThrow(/3 token ids do not split into 2 equal sequences/);
    await expect(model.forward(new Int32Array(9), 1)).rejects.toThrow(/sequence length 9 exceeds max_position_embeddings 8/);
  });
});
