// The held-out prompts as PromptBlocks over the ORT runtime. A first walk runs every clean run once for what the
// evaluation needs of all prompts (clean CE, next tokens, the mean patch target). When every block fits in
// `retainBytes` (the demo pack's 500 prompts) the blocks are kept; otherwise each later walk reruns a block's clean
// runs, so memory stays at one block's keys/values and [block × latents] pre-activations whatever P is.
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import type { TopTokens } from "@/lib/core/top-tokens";
import type { HookedGptNeoX } from "@/lib/model/hooked-model";
import type { HeldoutPrompts } from "./heldout-prompts";
import type { PackCoderAdapterOptions } from "./pack-coder-adapter";
import { addToMeanRow, blockRanges, type PromptBlock, type PromptBlocks } from "./prompt-blocks";
import { promptBatchAdapter } from "./prompt-batch-adapter";
import { CLEAN_TOP_TOKENS, coderHookpoint, defaultBatchSize, promptRangeCleanRuns, type PromptRangeCleanRuns } from "./prompt-clean-runs";

type CleanBlock = PromptBlock & { readonly clean: PromptRangeCleanRuns };

export interface HeldoutPromptBlocks {
  readonly blocks: PromptBlocks;
  /** [P] the clean model's next-token CE at each last token, nats. */
  readonly cleanCeNats: Float64Array;
  /** The clean model's CLEAN_TOP_TOKENS most likely next tokens at each last token. */
  readonly cleanTopTokens: TopTokens;
}

export interface PackPromptBlocksOptions extends PackCoderAdapterOptions {
  /** Prompts per block, a multiple of batchSize (default: [block × latents] float32 arrays of at most 16 MiB). */
  blockSize?: number;
  /** Keep every block after the first walk when all of them take at most this many bytes (default 512 MiB). */
  retainBytes?: number;
}

/** Latent floats in one block's [block × latents] array: 2^22 (16 MiB) keeps the demo's 500 × 6144 in one block. */
const BLOCK_LATENT_FLOATS = 2 ** 22;

export function defaultBlockSize(batchSize: number, numLatents: number): number {
  return batchSize * Math.max(1, Math.floor(BLOCK_LATENT_FLOATS / (numLatents * batchSize)));
}

export async function packPromptBlocks(
  model: HookedGptNeoX,
  coder: SparseCoder,
  hookpoint: string,
  prompts: HeldoutPrompts,
  options: PackPromptBlocksOptions = {},
): Promise<HeldoutPromptBlocks> {
  const { hidden_size: d, vocab_size: vocab } = model.config;
  const point = coderHookpoint(model, coder, hookpoint);
  const { promptCount: P, nextTokens } = prompts;
  const { numLatents, k } = coder.config;
  const batchSize = options.batchSize ?? defaultBatchSize(prompts.promptLength, vocab);
  const blockSize = options.blockSize ?? defaultBlockSize(batchSize, numLatents);
  if (blockSize % batchSize !== 0) throw new Error(`blockSize ${blockSize} must be a multiple of batchSize ${batchSize}`);
  const ranges = blockRanges(P, blockSize);

  async function cleanBlock([start, size]: [number, number], onProgress?: (done: number) => void): Promise<CleanBlock> {
    const clean = await promptRangeCleanRuns(model, point, prompts, { first: start, count: size, batchSize }, { signal: options.signal, onProgress });
    const encoded = await coder.encode(clean.coderInput, { preActs: true });
    const blockCoder = promptBatchAdapter(model, coder, point, clean, nextTokens.subarray(start, start + size), { batchSize, signal: options.signal });
    return { start, size, coder: blockCoder, trueActivations: encoded.preActs!, clean };
  }

  const cleanCeNats = new Float64Array(P);
  const cleanTopTokens = { ids: new Int32Array(P * CLEAN_TOP_TOKENS), probs: new Float32Array(P * CLEAN_TOP_TOKENS) };
  const meanRow = new Float64Array(d);
  let retained: PromptBlock[] | null = [];
  for (const range of ranges) {
    const block = await cleanBlock(range, (done) => options.onProgress?.(range[0] + done, P));
    const { clean } = block;
    cleanCeNats.set(clean.cleanCeNats, block.start);
    cleanTopTokens.ids.set(clean.cleanTopTokens.ids, block.start * CLEAN_TOP_TOKENS);
    cleanTopTokens.probs.set(clean.cleanTopTokens.probs, block.start * CLEAN_TOP_TOKENS);
    addToMeanRow(meanRow, clean.cleanPatchTarget, P);
    if (retained && retained.length === 0 && P * bytesPerPrompt(block) > (options.retainBytes ?? 2 ** 29)) retained = null;
    retained?.push({ start: block.start, size: block.size, coder: block.coder, trueActivations: block.trueActivations });
  }
  const kept = retained;
  const blocks: PromptBlocks = {
    promptCount: P,
    blockSize,
    kind: point.kind === "mlp" ? "transcoder" : "sae",
    numLatents,
    k,
    meanPatchTarget: Float32Array.from(meanRow),
    async forEachBlock(use) {
      for (const [i, range] of ranges.entries()) await use(kept ? kept[i] : await cleanBlock(range));
    },
  };
  return { blocks, cleanCeNats, cleanTopTokens };
}

/** What keeping one prompt of a block costs: its keys/values, last-position rows and pre-activations. */
function bytesPerPrompt(block: CleanBlock): number {
  const batch = block.clean.batches[0];
  const kv = [...batch.cache.keys, ...batch.cache.values].reduce((sum, t) => sum + t.byteLength, 0) / batch.size;
  return kv + (block.trueActivations.byteLength + 4 * block.clean.coderInput.byteLength) / block.size;
}
