// The rewrite at one prompt's last token (§2.2): the chosen latents take new values, the rest keep their true
// relu'd pre-activations, and TopK(k) restores the expected sparsity before decoding.
import { topK, type TopK } from "@/lib/core/topk";

/** The new value of a chosen latent at a prompt. */
export type LatentReplacement = (prompt: number, latent: number) => number;

/**
 * Over P prompts: `trueActivations` is [P·L] row-major; `replacement` null sets the chosen latents to 0 (the
 * "zero exactly the chosen latents" baseline). Returns TopK as [P·k] row-major.
 */
export function rewrittenTopK(
  trueActivations: Float32Array,
  numLatents: number,
  k: number,
  chosen: ArrayLike<number>,
  replacement: LatentReplacement | null,
): TopK {
  const promptCount = trueActivations.length / numLatents;
  const values = new Float32Array(promptCount * k);
  const indices = new Int32Array(promptCount * k);
  const row = new Float32Array(numLatents);
  for (let p = 0; p < promptCount; p++) {
    const offset = p * numLatents;
    row.set(trueActivations.subarray(offset, offset + numLatents));
    for (let i = 0; i < chosen.length; i++) row[chosen[i]] = replacement === null ? 0 : replacement(p, chosen[i]);
    const top = topK(row, k);
    values.set(top.values, p * k);
    indices.set(top.indices, p * k);
  }
  return { values, indices };
}
