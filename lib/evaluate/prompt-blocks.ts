// At the paper's scale (10K prompts × 32,768 latents) one [prompts × latents] array is GBs, and so are the later
// layers' keys/values of every prompt. The evaluation therefore walks the prompts block by block: a block's arrays
// are dense but bounded, and only per-prompt results and per-latent sums outlive it.
import type { CoderAdapter } from "./coder-adapter";

export interface PromptBlock {
  /** Index of the block's first prompt among all P; its prompts are [start, start + size). */
  readonly start: number;
  readonly size: number;
  /** Patches this block's prompts only: its prompt p is row p − start. */
  readonly coder: CoderAdapter;
  /** [size·L] the coder's relu'd pre-activations (before TopK) at the block's last tokens. */
  readonly trueActivations: Float32Array;
}

export interface PromptBlocks {
  readonly promptCount: number;
  /** Prompts per block (the last block may hold fewer). */
  readonly blockSize: number;
  readonly kind: "transcoder" | "sae";
  readonly numLatents: number;
  readonly k: number;
  /** [d] the clean patch target's mean over all P last tokens (mean ablation), when the runtime knows it. */
  readonly meanPatchTarget?: Float32Array;
  /** Calls `use` on every block in prompt order, one at a time; a block may be dropped once `use` resolves. */
  forEachBlock(use: (block: PromptBlock) => Promise<void>): Promise<void>;
}

/** Blocks of P prompts at most `blockSize` each, as [start, size] pairs. */
export function blockRanges(promptCount: number, blockSize: number): [number, number][] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`blockSize must be an integer ≥ 1, got ${blockSize}`);
  const ranges: [number, number][] = [];
  for (let start = 0; start < promptCount; start += blockSize) ranges.push([start, Math.min(blockSize, promptCount - start)]);
  return ranges;
}

/** [P·d] → the mean row over the P prompts, summed in prompt order in float64 (mean ablation's patch). */
export function meanPatchRow(cleanPatchTarget: Float32Array, promptCount: number): Float32Array {
  const d = cleanPatchTarget.length / promptCount;
  if (!Number.isInteger(d) || d < 1) throw new Error(`a clean patch target of ${cleanPatchTarget.length} values is not [${promptCount} prompts × d]`);
  const meanRow = new Float64Array(d);
  addToMeanRow(meanRow, cleanPatchTarget, promptCount);
  return Float32Array.from(meanRow);
}

/** Adds rows/P of [rows·d] into `meanRow`: blocks added in prompt order give meanPatchRow's exact sums. */
export function addToMeanRow(meanRow: Float64Array, rows: Float32Array, promptCount: number): void {
  const d = meanRow.length;
  for (let p = 0; p < rows.length / d; p++) for (let c = 0; c < d; c++) meanRow[c] += rows[p * d + c] / promptCount;
}

/** Every prompt in one block: callers that already hold the dense arrays (tests, the one-latent editor). */
export function singleBlock(coder: CoderAdapter, trueActivations: Float32Array, promptCount: number): PromptBlocks {
  if (trueActivations.length !== promptCount * coder.numLatents) {
    throw new Error(`trueActivations has ${trueActivations.length} values; expected ${promptCount} prompts × ${coder.numLatents} latents`);
  }
  return {
    promptCount,
    blockSize: promptCount,
    kind: coder.kind,
    numLatents: coder.numLatents,
    k: coder.k,
    ...(coder.cleanPatchTarget ? { meanPatchTarget: meanPatchRow(coder.cleanPatchTarget, promptCount) } : {}),
    forEachBlock: (use) => use({ start: 0, size: promptCount, coder, trueActivations }),
  };
}

/** One number per prompt, computed block by block (e.g. the zero-ablation CE), in prompt order. */
export async function perPromptOverBlocks(blocks: PromptBlocks, perBlock: (block: PromptBlock) => Promise<Float64Array>): Promise<Float64Array> {
  const out = new Float64Array(blocks.promptCount);
  await blocks.forEachBlock(async (block) => {
    const values = await perBlock(block);
    if (values.length !== block.size) throw new Error(`a block of ${block.size} prompts gave ${values.length} values`);
    out.set(values, block.start);
  });
  return out;
}
