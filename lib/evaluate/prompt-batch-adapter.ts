// The rewrite protocol's CoderAdapter over the clean runs of a range of prompts (§2.3, the paper code's
// protocol): each patched evaluation is a single-position forward through the layers after L from the kept
// keys/values. Transcoder (`layers.L.mlp`): the decoded vector replaces the MLP output at the last position.
// Residual SAE (`layers.L`): it replaces the residual stream after block L there.
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import { crossEntropyAtRows } from "@/lib/core/cross-entropy";
import { topTokens } from "@/lib/core/top-tokens";
import type { Hookpoint } from "@/lib/formats/hookpoint";
import type { HookedGptNeoX, KvCache, Splice } from "@/lib/model/hooked-model";
import type { CoderAdapter } from "./coder-adapter";
import { rowIndices, type PromptBatch, type PromptRangeCleanRuns } from "./prompt-clean-runs";

/** Floats gathered per chunk of lastTokenCeOfRows (keys/values of every later layer, 64 MiB). */
const GATHERED_FLOATS = 2 ** 24;

/** `nextTokens` [n]: the CE target of each of the range's prompts; row p of every call is the range's prompt p. */
export function promptBatchAdapter(
  model: HookedGptNeoX,
  coder: SparseCoder,
  point: Hookpoint,
  clean: Omit<PromptRangeCleanRuns, "cleanCeNats" | "cleanTopTokens">,
  nextTokens: Int32Array,
  options: { batchSize: number; signal?: AbortSignal },
): CoderAdapter {
  const { hidden_size: d, vocab_size: vocab } = model.config;
  const { batches, coderInput, cleanPatchTarget } = clean;
  const promptCount = nextTokens.length;
  const { numLatents, k } = coder.config;
  // resid_post = resid_pre + attn_out + mlp_out, so an SAE's patch is resid_pre with the other two zeroed.
  const spliceOf = (patch: Float32Array, residPre: Float32Array, attnOut: Float32Array): Splice =>
    point.kind === "mlp"
      ? { resid_pre: residPre, attn_out: attnOut, mlp_out: patch }
      : { resid_pre: patch, attn_out: new Float32Array(patch.length), mlp_out: new Float32Array(patch.length) };
  /** Last-token logits of the given rows, chunk by chunk (gathering every later layer's keys/values costs memory). */
  async function eachRowChunk(prompts: Int32Array, indices: Int32Array, values: Float32Array, use: (logits: Float32Array, rowsOf: Int32Array, start: number) => void) {
    const kv = batches[0].cache;
    const perPrompt = Math.max(d, kv.keys.reduce((sum, t) => sum + 2 * t.length, 0) / kv.batch);
    const chunk = Math.max(1, Math.floor(GATHERED_FLOATS / perPrompt));
    for (let start = 0; start < prompts.length; start += chunk) {
      options.signal?.throwIfAborted();
      const rowsOf = prompts.subarray(start, Math.min(prompts.length, start + chunk));
      const gathered = gatherPromptRows(batches, options.batchSize, rowsOf, coderInput, d);
      const decoded = await coder.decode(values.subarray(start * k, (start + rowsOf.length) * k), indices.subarray(start * k, (start + rowsOf.length) * k), gathered.coderInput);
      use(await model.lastTokenLogits(gathered.cache, spliceOf(decoded, gathered.residPre, gathered.attnOut)), rowsOf, start);
    }
  }
  return {
    kind: point.kind === "mlp" ? "transcoder" : "sae",
    numLatents,
    k,
    cleanPatchTarget,
    // b_dec is added by the decode graph, and the skip term x·W_skipᵀ when the coder has one.
    decode: (indices, values) => coder.decode(values, indices, coderInput),
    async lastTokenCe(replacement) {
      if (replacement.length !== promptCount * d) throw new Error(`a replacement of ${replacement.length} values is not [${promptCount} prompts × ${d}]`);
      const ce = new Float64Array(promptCount);
      for (const batch of batches) {
        const patch = replacement.subarray(batch.start * d, (batch.start + batch.size) * d);
        const logits = await model.lastTokenLogits(batch.cache, spliceOf(patch, batch.residPre, batch.attnOut));
        ce.set(crossEntropyAtRows(logits, vocab, rowIndices(batch.size), nextTokens.subarray(batch.start, batch.start + batch.size)), batch.start);
      }
      return ce;
    },
    async lastTokenCeOfRows(prompts, indices, values) {
      const ce = new Float64Array(prompts.length);
      await eachRowChunk(prompts, indices, values, (logits, rowsOf, start) =>
        ce.set(crossEntropyAtRows(logits, vocab, rowIndices(rowsOf.length), Int32Array.from(rowsOf, (p) => nextTokens[p])), start),
      );
      return ce;
    },
    async lastTokenTopTokensOfRows(prompts, indices, values, n) {
      const out = { ids: new Int32Array(prompts.length * n), probs: new Float32Array(prompts.length * n) };
      await eachRowChunk(prompts, indices, values, (logits, _rowsOf, start) => {
        const top = topTokens(logits, vocab, n);
        out.ids.set(top.ids, start * n);
        out.probs.set(top.probs, start * n);
      });
      return out;
    },
  };
}

/** The clean runs' pieces of the given prompts (repeats allowed), in their order: a batch of its own. */
function gatherPromptRows(batches: readonly PromptBatch[], batchSize: number, prompts: Int32Array, coderInput: Float32Array, d: number) {
  const n = prompts.length;
  const { layer, pastLength, keys } = batches[0].cache;
  const block = keys.length > 0 ? keys[0].length / batches[0].size : 0;
  const tensors = (count: number) => Array.from({ length: count }, () => new Float32Array(n * block));
  const cache: KvCache = { layer, batch: n, pastLength, keys: tensors(keys.length), values: tensors(keys.length) };
  const residPre = new Float32Array(n * d);
  const attnOut = new Float32Array(n * d);
  const input = new Float32Array(n * d);
  prompts.forEach((p, r) => {
    const batch = batches[Math.floor(p / batchSize)];
    const at = p - batch.start;
    const row = (from: Float32Array, width: number, offset: number) => from.subarray(offset * width, (offset + 1) * width);
    for (let i = 0; i < keys.length; i++) {
      cache.keys[i].set(row(batch.cache.keys[i], block, at), r * block);
      cache.values[i].set(row(batch.cache.values[i], block, at), r * block);
    }
    residPre.set(row(batch.residPre, d, at), r * d);
    attnOut.set(row(batch.attnOut, d, at), r * d);
    input.set(row(coderInput, d, p), r * d);
  });
  return { cache, residPre, attnOut, coderInput: input };
}
