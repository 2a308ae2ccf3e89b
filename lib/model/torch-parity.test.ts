import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { nextTokenCrossEntropy } from "@/lib/core/cross-entropy";
import { expectClose, expectRelativelyClose } from "./fixtures/expectations";
import { loadTorchCase, TORCH_CASES, torchCaseIds, type LoadedTorchCase, type TorchCase } from "./fixtures/torch-cases";
import { HOOK_NAMES } from "./gpt-neox-graphs";
import { lastPosition, type CleanRun } from "./hooked-model";

// Random-weight snapshots (demo-shaped, and EleutherAI/pythia-160m's exact config) against PyTorch outputs from
// bench/torch_reference.py, computed once and committed.

/** Per-position next-token CE of each sequence in [B, T, V] logits, concatenated: [B, T − 1]. */
function sequenceCrossEntropy(logits: Float32Array, ids: Int32Array, c: TorchCase): Float64Array {
  const vocab = c.config.vocab_size;
  const out = new Float64Array(c.batch * (c.length - 1));
  for (let b = 0; b < c.batch; b++) {
    const rows = logits.subarray(b * c.length * vocab, (b + 1) * c.length * vocab);
    out.set(nextTokenCrossEntropy(rows, vocab, ids.subarray(b * c.length, (b + 1) * c.length)), b * (c.length - 1));
  }
  return out;
}

describe.each(TORCH_CASES)("$name random snapshot vs PyTorch", (c) => {
  let loaded: LoadedTorchCase;
  let clean: CleanRun;
  const ids = torchCaseIds(c);
  const d = c.config.hidden_size;
  const vocab = c.config.vocab_size;
  const ref = (name: string) => loaded.fixture.readFloat32(name);
  // logits [B, T, V] reduced to what the fixture stores
  const comparable = (logits: Float32Array) => (c.logitsLastOnly ? lastPosition(logits, c.batch, vocab) : logits);

  beforeAll(async () => {
    loaded = loadTorchCase(c);
    clean = await loaded.model.cleanRun(ids, c.batch, c.layer);
  }, 120_000);

  afterAll(() => loaded?.dispose());

  it("uses the same token ids as the fixture", () => {
    expect(Array.from(loaded.fixture.readInt("ids", [c.batch, c.length]) as Int32Array)).toEqual(Array.from(ids));
  });

  it("matches PyTorch logits (≤ 1e-4) and hooks (≤ 1e-5 relative) at the hooked layer", async () => {
    expectClose(comparable(await loaded.model.forward(ids, c.batch)), ref("logits"), 1e-4);
    expectClose(comparable(clean.logits), ref("logits"), 1e-4);
    for (const name of HOOK_NAMES) expectRelativelyClose(clean.hooks[name], ref(name), 1e-5);
  });

  it("prefix + unchanged suffix equals the full forward", async () => {
    const hooks = await loaded.model.prefix(ids, c.batch, c.layer);
    for (const name of HOOK_NAMES) expectClose(hooks[name], clean.hooks[name], 0);
    expectClose(await loaded.model.suffix(hooks, c.batch, c.layer), clean.logits, 1e-5);
  });

  it("matches PyTorch clean CE per position to 1e-5 nats", () => {
    expectClose(sequenceCrossEntropy(clean.logits, ids, c), ref("ce_clean"), 1e-5);
  });

  it("encodes mlp_in with the transcoder as sparsify does: same TopK indices, values, pre-activations, output", async () => {
    const encoding = await loaded.transcoder.encode(clean.hooks.mlp_in, { preActs: true });
    expect(Array.from(encoding.topIndices)).toEqual(Array.from(loaded.fixture.readInt("transcoder.top_indices") as Int32Array));
    expectRelativelyClose(encoding.topValues, ref("transcoder.top_values"), 1e-5);
    expectRelativelyClose(encoding.preActs!, ref("transcoder.pre_acts"), 1e-5);
    expectRelativelyClose(encoding.decoded, ref("transcoder.decoded"), 1e-5);
    const decodedAgain = await loaded.transcoder.decode(encoding.topValues, encoding.topIndices, clean.hooks.mlp_in);
    expectClose(decodedAgain, encoding.decoded, 1e-6);
  });

  it("matches PyTorch CE with the transcoder spliced in at every position", async () => {
    const { decoded } = await loaded.transcoder.encode(clean.hooks.mlp_in);
    const logits = await loaded.model.suffix({ ...clean.hooks, mlp_out: decoded }, c.batch, c.layer);
    expectClose(sequenceCrossEntropy(logits, ids, c), ref("ce_transcoder"), 1e-5);
  });

  it("last-token fast path equals the full patched recompute and PyTorch's patched logits", async () => {
    const { decoded } = await loaded.transcoder.encode(lastPosition(clean.hooks.mlp_in, c.batch, d));
    const last = { resid_pre: lastPosition(clean.hooks.resid_pre, c.batch, d), attn_out: lastPosition(clean.hooks.attn_out, c.batch, d), mlp_out: decoded };
    const fast = await loaded.model.lastTokenLogits(clean.cache, last);
    const patchedMlpOut = clean.hooks.mlp_out.slice();
    for (let b = 0; b < c.batch; b++) patchedMlpOut.set(decoded.subarray(b * d, (b + 1) * d), ((b + 1) * c.length - 1) * d);
    const full = await loaded.model.suffix({ ...clean.hooks, mlp_out: patchedMlpOut }, c.batch, c.layer);
    expectClose(fast, lastPosition(full, c.batch, vocab), 1e-4);
    expectClose(fast, ref("last_token_patched.logits"), 1e-4);
  });

  if (c.sae) it("encodes resid_post with the SAE (x − b_dec first) as sparsify does", async () => {
    const sae = SparseCoder.load(loaded.saeDir!);
    const encoding = await sae.encode(clean.hooks.resid_post);
    expect(Array.from(encoding.topIndices)).toEqual(Array.from(loaded.fixture.readInt("sae.top_indices") as Int32Array));
    expectRelativelyClose(encoding.topValues, ref("sae.top_values"), 1e-5);
    expectRelativelyClose(encoding.decoded, ref("sae.reconstruction"), 1e-5);
    await sae.release();
  });
});
