// The rewrite protocol's CoderAdapter over the ORT runtime (§2.3, the paper code's protocol): one clean run per
// batch of held-out prompts keeps the later layers' keys/values, so each patched evaluation is a single-position
// forward through the layers after L. Transcoder (`layers.L.mlp`): the decoded vector replaces the MLP output at
// the last position. Residual SAE (`layers.L`): it replaces the residual stream after block L there.
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import { crossEntropyAtRows } from "@/lib/core/cross-entropy";
import { topTokens, type TopTokens } from "@/lib/core/top-tokens";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { lastPosition, type HookedGptNeoX, type KvCache, type Splice } from "@/lib/model/hooked-model";
import type { CoderAdapter } from "./coder-adapter";
import type { HeldoutPrompts } from "./heldout-prompts";

export interface HeldoutCleanRun {
  readonly coder: CoderAdapter;
  /** [P·L] the coder's relu'd pre-activations (before TopK) at each prompt's last token. */
  readonly trueActivations: Float32Array;
  /** [P] the clean model's next-token CE at the last token, nats. */
  readonly cleanCeNats: Float64Array;
  /** The clean model's CLEAN_TOP_TOKENS most likely next tokens at each prompt's last token. */
  readonly cleanTopTokens: TopTokens;
}

/** Next tokens kept per prompt (clean and rewritten) for the per-prompt view. */
export const CLEAN_TOP_TOKENS = 10;

export interface PackCoderAdapterOptions {
  /** Prompts per clean run (and per patched forward pass). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

interface PromptBatch {
  readonly start: number;
  readonly size: number;
  readonly cache: KvCache;
  /** Last-position resid_pre and attn_out, [size · d]: what a transcoder patch keeps. */
  readonly residPre: Float32Array;
  readonly attnOut: Float32Array;
}

/** Floats gathered per chunk of lastTokenCeOfRows (keys/values of every later layer, 64 MiB). */
const GATHERED_FLOATS = 2 ** 24;

/** At most 64 prompts per clean run, and at most 2^26 floats (256 MiB) of full-sequence logits (Pythia's vocab is 50K). */
function defaultBatchSize(promptLength: number, vocab: number): number {
  return Math.max(1, Math.min(64, Math.floor(2 ** 26 / (promptLength * vocab))));
}

export async function packCoderAdapter(
  model: HookedGptNeoX,
  coder: SparseCoder,
  hookpoint: string,
  prompts: HeldoutPrompts,
  options: PackCoderAdapterOptions = {},
): Promise<HeldoutCleanRun> {
  const { hidden_size: d, vocab_size: vocab, num_hidden_layers: numLayers } = model.config;
  const point = parseHookpoint(hookpoint, numLayers);
  if (coder.config.d_in !== d) throw new Error(`the coder at ${hookpoint} reads d_in ${coder.config.d_in} but the model's hidden size is ${d}`);
  const { promptCount: P, promptLength: T, ids, nextTokens } = prompts;
  const batchSize = options.batchSize ?? defaultBatchSize(T, vocab);
  // sparsify: a transcoder reads the MLP input (ln2 output); a residual SAE reads the output of block L.
  const coderInput = new Float32Array(P * d);
  const cleanPatchTarget = new Float32Array(P * d);
  const cleanCeNats = new Float64Array(P);
  const cleanTop = { ids: new Int32Array(P * CLEAN_TOP_TOKENS), probs: new Float32Array(P * CLEAN_TOP_TOKENS) };
  const batches: PromptBatch[] = [];
  const rows = (size: number) => Int32Array.from({ length: size }, (_, i) => i);
  for (let start = 0; start < P; start += batchSize) {
    options.signal?.throwIfAborted();
    const size = Math.min(batchSize, P - start);
    const clean = await model.cleanRun(ids.subarray(start * T, (start + size) * T), size, point.layer);
    const last = (tensor: Float32Array) => lastPosition(tensor, size, d);
    coderInput.set(last(point.kind === "mlp" ? clean.hooks.mlp_in : clean.hooks.resid_post), start * d);
    cleanPatchTarget.set(last(point.kind === "mlp" ? clean.hooks.mlp_out : clean.hooks.resid_post), start * d);
    const logits = lastPosition(clean.logits, size, vocab);
    cleanCeNats.set(crossEntropyAtRows(logits, vocab, rows(size), nextTokens.subarray(start, start + size)), start);
    const top = topTokens(logits, vocab, CLEAN_TOP_TOKENS);
    cleanTop.ids.set(top.ids, start * CLEAN_TOP_TOKENS);
    cleanTop.probs.set(top.probs, start * CLEAN_TOP_TOKENS);
    batches.push({ start, size, cache: clean.cache, residPre: last(clean.hooks.resid_pre), attnOut: last(clean.hooks.attn_out) });
    options.onProgress?.(start + size, P);
  }
  const encoded = await coder.encode(coderInput, { preActs: true });

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
      const gathered = gatherPromptRows(batches, batchSize, rowsOf, coderInput, d);
      const decoded = await coder.decode(values.subarray(start * k, (start + rowsOf.length) * k), indices.subarray(start * k, (start + rowsOf.length) * k), gathered.coderInput);
      use(await model.lastTokenLogits(gathered.cache, spliceOf(decoded, gathered.residPre, gathered.attnOut)), rowsOf, start);
    }
  }
  const adapter: CoderAdapter = {
    kind: point.kind === "mlp" ? "transcoder" : "sae",
    numLatents,
    k,
    cleanPatchTarget,
    // b_dec is added by the decode graph, and the skip term x·W_skipᵀ when the coder has one.
    decode: (indices, values) => coder.decode(values, indices, coderInput),
    async lastTokenCe(replacement) {
      if (replacement.length !== P * d) throw new Error(`a replacement of ${replacement.length} values is not [${P} prompts × ${d}]`);
      const ce = new Float64Array(P);
      for (const batch of batches) {
        const patch = replacement.subarray(batch.start * d, (batch.start + batch.size) * d);
        const logits = await model.lastTokenLogits(batch.cache, spliceOf(patch, batch.residPre, batch.attnOut));
        ce.set(crossEntropyAtRows(logits, vocab, rows(batch.size), nextTokens.subarray(batch.start, batch.start + batch.size)), batch.start);
      }
      return ce;
    },
    async lastTokenCeOfRows(prompts, indices, values) {
      const ce = new Float64Array(prompts.length);
      await eachRowChunk(prompts, indices, values, (logits, rowsOf, start) =>
        ce.set(crossEntropyAtRows(logits, vocab, rows(rowsOf.length), Int32Array.from(rowsOf, (p) => nextTokens[p])), start),
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
  return { coder: adapter, trueActivations: encoded.preActs!, cleanCeNats, cleanTopTokens: cleanTop };
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
