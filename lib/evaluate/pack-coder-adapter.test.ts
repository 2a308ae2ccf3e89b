import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import { crossEntropyNats } from "@/lib/core/cross-entropy";
import { topTokens } from "@/lib/core/top-tokens";
import { topKRows } from "@/lib/core/topk";
import type { SparsifyCoderWeights } from "@/lib/formats/sparsify-coder";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { lastPosition } from "@/lib/model/hooked-model";
import { loadPackRuntime, type PackRuntime } from "@/lib/runtime/pack-runtime";
import type { HeldoutPrompts } from "./heldout-prompts";
import { packCoderAdapter } from "./pack-coder-adapter";
import { canWriteTinyRandomPack, TINY_PACK, writeTinyRandomPack } from "@/lib/evaluate/testing/tiny-random-pack";

// The adapter against computations it does not share: the encoder and decoder written out in plain JS from the
// checkpoint's tensors, and CE from the full-sequence forward / suffix graphs instead of the last-token fast path.

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** relu((x − b_dec if SAE) · W_encᵀ + b_enc), one row. */
function preActsJs(w: SparsifyCoderWeights, x: Float32Array): Float64Array {
  const d = w.config.d_in;
  return Float64Array.from({ length: w.config.numLatents }, (_, l) => {
    let sum = w.encoderBias[l];
    for (let i = 0; i < d; i++) sum += w.encoderWeight[l * d + i] * (x[i] - (w.config.transcode ? 0 : w.decoderBias[i]));
    return Math.max(0, sum);
  });
}

/** Σ values · W_dec[indices] + b_dec + x · W_skipᵀ, one row. */
function decodeJs(w: SparsifyCoderWeights, values: ArrayLike<number>, indices: ArrayLike<number>, x: Float32Array): Float64Array {
  const d = w.config.d_in;
  return Float64Array.from({ length: d }, (_, c) => {
    let sum = w.decoderBias[c];
    for (let j = 0; j < values.length; j++) sum += values[j] * w.decoderWeight[indices[j] * d + c];
    if (w.skipWeight) for (let i = 0; i < d; i++) sum += w.skipWeight[c * d + i] * x[i];
    return sum;
  });
}

const P = 5;
const T = 9;

describe.runIf(canWriteTinyRandomPack())("the pack CoderAdapter on a tiny random pack", () => {
  let root: string;
  let runtime: PackRuntime;
  const ids = Int32Array.from({ length: P * T }, (_, i) => (i * 2654435761) % 4096 >>> 0);
  const nextTokens = Int32Array.from({ length: P }, (_, p) => (p * 977 + 13) % 4096);
  const prompts: HeldoutPrompts = { promptCount: P, promptLength: T, ids, nextTokens, chunks: new Uint32Array(P), availableChunks: P };
  const d = TINY_PACK.dModel;
  const row = (a: Float32Array, p: number) => a.subarray(p * d, (p + 1) * d);
  /** CE at each prompt's last token, from full-sequence logits [P, T, vocab]. */
  const lastCe = (logits: Float32Array) => {
    const vocab = runtime.model.config.vocab_size;
    const last = lastPosition(logits, P, vocab);
    return Array.from({ length: P }, (_, p) => crossEntropyNats(last.subarray(p * vocab, (p + 1) * vocab), nextTokens[p]));
  };
  const withLastRows = (full: Float32Array, rows: Float32Array) => {
    const out = full.slice();
    for (let p = 0; p < P; p++) out.set(row(rows, p), ((p + 1) * T - 1) * d);
    return out;
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "rewrite-adapter-"));
    runtime = loadPackRuntime(writeTinyRandomPack(root));
  });
  afterAll(async () => {
    await runtime?.release();
    rmSync(root, { recursive: true, force: true });
  });

  it("transcoder: pre-activations, decode with skip, and the last-token patch agree with independent computations", async () => {
    const coder: SparseCoder = runtime.coder(TINY_PACK.transcoder);
    const run = await packCoderAdapter(runtime.model, coder, TINY_PACK.transcoder, prompts, { batchSize: 2 });
    expect(run.coder.kind).toBe("transcoder");
    const hooks = await runtime.model.prefix(ids, P, TINY_PACK.layer);
    const mlpIn = lastPosition(hooks.mlp_in, P, d);
    const mlpOut = lastPosition(hooks.mlp_out, P, d);

    expect(maxAbsDiff(run.cleanCeNats, lastCe(await runtime.model.forward(ids, P)))).toBeLessThan(1e-4);
    for (let p = 0; p < P; p++) {
      expect(maxAbsDiff(run.trueActivations.subarray(p * 64, (p + 1) * 64), preActsJs(coder.weights, row(mlpIn, p)))).toBeLessThan(1e-4);
    }
    // Splicing the MLP's own output back in is the clean model.
    expect(maxAbsDiff(await run.coder.lastTokenCe(mlpOut), run.cleanCeNats)).toBeLessThan(1e-4);

    const top = topKRows(run.trueActivations, TINY_PACK.numLatents, TINY_PACK.k);
    const decoded = await run.coder.decode(top.indices, top.values);
    for (let p = 0; p < P; p++) {
      const k = TINY_PACK.k;
      const expected = decodeJs(coder.weights, top.values.subarray(p * k, (p + 1) * k), top.indices.subarray(p * k, (p + 1) * k), row(mlpIn, p));
      expect(maxAbsDiff(row(decoded, p), expected)).toBeLessThan(1e-4);
    }
    const spliced = await runtime.model.suffix({ ...hooks, mlp_out: withLastRows(hooks.mlp_out, decoded) }, P, TINY_PACK.layer);
    expect(maxAbsDiff(await run.coder.lastTokenCe(decoded), lastCe(spliced))).toBeLessThan(1e-4);
    // The next-token view: clean and rewritten top tokens as the full-sequence graphs give them.
    const vocab = runtime.model.config.vocab_size;
    const cleanTop = topTokens(lastPosition(await runtime.model.forward(ids, P), P, vocab), vocab, 10);
    expect(Array.from(run.cleanTopTokens.ids)).toEqual(Array.from(cleanTop.ids));
    expect(maxAbsDiff(run.cleanTopTokens.probs, cleanTop.probs)).toBeLessThan(1e-5);
    const rowsTop = await run.coder.lastTokenTopTokensOfRows!(Int32Array.from({ length: P }, (_, p) => p), top.indices, top.values, 3);
    const splicedTop = topTokens(lastPosition(spliced, P, vocab), vocab, 3);
    expect(Array.from(rowsTop.ids)).toEqual(Array.from(splicedTop.ids));
    expect(maxAbsDiff(rowsTop.probs, splicedTop.probs)).toBeLessThan(1e-5);
    const zeros = new Float32Array(P * d);
    const zeroed = await runtime.model.suffix({ ...hooks, mlp_out: withLastRows(hooks.mlp_out, zeros) }, P, TINY_PACK.layer);
    expect(maxAbsDiff(await run.coder.lastTokenCe(zeros), lastCe(zeroed))).toBeLessThan(1e-4);

    // The batch size is an implementation detail.
    const oneBatch = await packCoderAdapter(runtime.model, coder, TINY_PACK.transcoder, prompts, { batchSize: P });
    expect(maxAbsDiff(await oneBatch.coder.lastTokenCe(decoded), await run.coder.lastTokenCe(decoded))).toBeLessThan(1e-5);
  });

  it.each([TINY_PACK.transcoder, TINY_PACK.sae])("%s: any rows of any prompts give the CE of the same rows patched batch by batch", async (hookpoint) => {
    const run = await packCoderAdapter(runtime.model, runtime.coder(hookpoint), hookpoint, prompts, { batchSize: 2 });
    const k = TINY_PACK.k;
    const top = topKRows(run.trueActivations, TINY_PACK.numLatents, k);
    const halved = { indices: top.indices, values: top.values.map((v) => v / 2) };
    const byBatch = await run.coder.lastTokenCe(await run.coder.decode(top.indices, top.values));
    const halvedByBatch = await run.coder.lastTokenCe(await run.coder.decode(halved.indices, halved.values));
    // Rows across batches, out of order and repeated: prompt 4 (true), 1 (halved), 4 (halved), 0 (true).
    const order = [[4, top], [1, halved], [4, halved], [0, top]] as const;
    const indices = new Int32Array(order.length * k);
    const values = new Float32Array(order.length * k);
    order.forEach(([p, rows], r) => {
      indices.set(rows.indices.subarray(p * k, (p + 1) * k), r * k);
      values.set(rows.values.subarray(p * k, (p + 1) * k), r * k);
    });
    const ce = await run.coder.lastTokenCeOfRows(Int32Array.from(order, ([p]) => p), indices, values);
    expect(maxAbsDiff(ce, [byBatch[4], halvedByBatch[1], halvedByBatch[4], byBatch[0]])).toBeLessThan(1e-5);
  });

  it("residual SAE: the patch replaces the residual stream after block L at the last position", async () => {
    const coder = runtime.coder(TINY_PACK.sae);
    const run = await packCoderAdapter(runtime.model, coder, TINY_PACK.sae, prompts, { batchSize: 3 });
    expect(run.coder.kind).toBe("sae");
    const hooks = await runtime.model.prefix(ids, P, TINY_PACK.layer);
    const residPost = lastPosition(hooks.resid_post, P, d);
    for (let p = 0; p < P; p++) {
      expect(maxAbsDiff(run.trueActivations.subarray(p * 64, (p + 1) * 64), preActsJs(coder.weights, row(residPost, p)))).toBeLessThan(1e-4);
    }
    expect(maxAbsDiff(await run.coder.lastTokenCe(residPost), run.cleanCeNats)).toBeLessThan(1e-4);
    const top = topKRows(run.trueActivations, TINY_PACK.numLatents, TINY_PACK.k);
    const decoded = await run.coder.decode(top.indices, top.values);
    const zeros = new Float32Array(hooks.resid_post.length);
    const spliced = await runtime.model.suffix({ resid_pre: withLastRows(hooks.resid_post, decoded), attn_out: zeros, mlp_out: zeros }, P, TINY_PACK.layer);
    // Other positions keep their residual: resid_post = resid_pre + attn_out + mlp_out.
    const rest = await runtime.model.suffix(hooks, P, TINY_PACK.layer);
    expect(maxAbsDiff(lastCe(rest), run.cleanCeNats)).toBeLessThan(1e-4);
    expect(maxAbsDiff(await run.coder.lastTokenCe(decoded), lastCe(spliced))).toBeLessThan(1e-3);
  });
});

// The demo pack's PyTorch fixtures (training/make_fixtures.py): the transcoder's decode of the true TopK patched at
// the last position, through PyTorch, gives `patched_last.logits`; zeros give `zero_last.logits`.
const packDir = "packs/demo";
const metaFile = join(packDir, "fixtures/parity.json");
const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, "utf8")) as { layer: number; sequences: { name: string; length: number }[] }) : null;

describe.runIf(meta !== null)("the pack CoderAdapter against the demo pack's PyTorch fixtures", () => {
  it("reproduces PyTorch's last-position CE: clean, transcoder-patched and zero-ablated", async () => {
    const runtime = loadPackRuntime(packDir);
    const fixture = SafetensorsFile.open(join(packDir, "fixtures/parity.safetensors"));
    try {
      const hookpoint = `layers.${meta!.layer}.mlp`;
      for (const { name, length } of meta!.sequences) {
        const ids = fixture.readInt(`${name}.input_ids`, [length]) as Int32Array;
        const target = ids[0]; // any token will do: the fixture gives the logits, CE is taken against it here
        const prompts: HeldoutPrompts = { promptCount: 1, promptLength: length, ids, nextTokens: Int32Array.of(target), chunks: new Uint32Array(1), availableChunks: 1 };
        const run = await packCoderAdapter(runtime.model, runtime.coder(hookpoint), hookpoint, prompts);
        const top = topKRows(run.trueActivations, run.coder.numLatents, run.coder.k);
        const decoded = await run.coder.decode(top.indices, top.values);
        const ce = (key: string) => crossEntropyNats(fixture.readFloat32(`${name}.${key}`), target);
        expect(Math.abs((await run.coder.lastTokenCe(decoded))[0] - ce("patched_last.logits"))).toBeLessThan(1e-3);
        expect(Math.abs((await run.coder.lastTokenCe(new Float32Array(decoded.length)))[0] - ce("zero_last.logits"))).toBeLessThan(1e-3);
      }
    } finally {
      fixture.close();
      await runtime.release();
    }
  });
});
