// The clean runs of a range of held-out prompts (§2.3, the paper code's protocol): per batch, the later layers'
// keys/values and the last position's hook values that a patched single-position forward needs, the clean CE and
// most likely next tokens there, and the coder's input and patch target at each last token.
import { crossEntropyAtRows } from "@/lib/core/cross-entropy";
import { topTokens, type TopTokens } from "@/lib/core/top-tokens";
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import { parseHookpoint, type Hookpoint } from "@/lib/formats/hookpoint";
import { lastPosition, type HookedGptNeoX, type KvCache } from "@/lib/model/hooked-model";
import type { HeldoutPrompts } from "./heldout-prompts";

/** Next tokens kept per prompt (clean and rewritten) for the per-prompt view. */
export const CLEAN_TOP_TOKENS = 10;

export interface PromptBatch {
  /** First prompt of the batch, counted from the range's first prompt. */
  readonly start: number;
  readonly size: number;
  readonly cache: KvCache;
  /** Last-position resid_pre and attn_out, [size · d]: what a transcoder patch keeps. */
  readonly residPre: Float32Array;
  readonly attnOut: Float32Array;
}

export interface PromptRangeCleanRuns {
  readonly batches: PromptBatch[];
  /** [n·d] what the coder reads at each last token (sparsify: a transcoder the MLP input, an SAE block L's output). */
  readonly coderInput: Float32Array;
  /** [n·d] the clean value of the patch target there. */
  readonly cleanPatchTarget: Float32Array;
  /** [n] clean next-token CE at each last token, nats. */
  readonly cleanCeNats: Float64Array;
  readonly cleanTopTokens: TopTokens;
}

/** At most 64 prompts per clean run, and at most 2^26 floats (256 MiB) of full-sequence logits (Pythia's vocab is 50K). */
export function defaultBatchSize(promptLength: number, vocab: number): number {
  return Math.max(1, Math.min(64, Math.floor(2 ** 26 / (promptLength * vocab))));
}

/** The hookpoint read against the model, once the coder is known to read the model's hidden size. */
export function coderHookpoint(model: HookedGptNeoX, coder: SparseCoder, hookpoint: string): Hookpoint {
  const d = model.config.hidden_size;
  if (coder.config.d_in !== d) throw new Error(`the coder at ${hookpoint} reads d_in ${coder.config.d_in} but the model's hidden size is ${d}`);
  return parseHookpoint(hookpoint, model.config.num_hidden_layers);
}

export const rowIndices = (size: number) => Int32Array.from({ length: size }, (_, i) => i);

/** Clean runs of prompts [first, first + count), `batchSize` prompts per forward pass. */
export async function promptRangeCleanRuns(
  model: HookedGptNeoX,
  point: Hookpoint,
  prompts: HeldoutPrompts,
  range: { readonly first: number; readonly count: number; readonly batchSize: number },
  options: { onProgress?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<PromptRangeCleanRuns> {
  const { hidden_size: d, vocab_size: vocab } = model.config;
  const { promptLength: T, ids, nextTokens } = prompts;
  const { first, count, batchSize } = range;
  const coderInput = new Float32Array(count * d);
  const cleanPatchTarget = new Float32Array(count * d);
  const cleanCeNats = new Float64Array(count);
  const cleanTopTokens = { ids: new Int32Array(count * CLEAN_TOP_TOKENS), probs: new Float32Array(count * CLEAN_TOP_TOKENS) };
  const batches: PromptBatch[] = [];
  for (let start = 0; start < count; start += batchSize) {
    options.signal?.throwIfAborted();
    const size = Math.min(batchSize, count - start);
    const at = first + start;
    const clean = await model.cleanRun(ids.subarray(at * T, (at + size) * T), size, point.layer);
    const last = (tensor: Float32Array) => lastPosition(tensor, size, d);
    coderInput.set(last(point.kind === "mlp" ? clean.hooks.mlp_in : clean.hooks.resid_post), start * d);
    cleanPatchTarget.set(last(point.kind === "mlp" ? clean.hooks.mlp_out : clean.hooks.resid_post), start * d);
    const logits = lastPosition(clean.logits, size, vocab);
    cleanCeNats.set(crossEntropyAtRows(logits, vocab, rowIndices(size), nextTokens.subarray(at, at + size)), start);
    const top = topTokens(logits, vocab, CLEAN_TOP_TOKENS);
    cleanTopTokens.ids.set(top.ids, start * CLEAN_TOP_TOKENS);
    cleanTopTokens.probs.set(top.probs, start * CLEAN_TOP_TOKENS);
    batches.push({ start, size, cache: clean.cache, residPre: last(clean.hooks.resid_pre), attnOut: last(clean.hooks.attn_out) });
    options.onProgress?.(start + size);
  }
  return { batches, coderInput, cleanPatchTarget, cleanCeNats, cleanTopTokens };
}
