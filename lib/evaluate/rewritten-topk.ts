// The rewrite at one prompt's last token (§2.2): the chosen latents take new values, the rest keep the
// transcoder's own output, and TopK(k) restores the expected sparsity before decoding.
import { topK, topKRows, type TopK } from "@/lib/core/topk";

/** The new value of a chosen latent at a prompt. */
export type LatentReplacement = (prompt: number, latent: number) => number;

/**
 * What the latents that are not rewritten keep.
 * - "transcoder-topk" (default): their post-TopK activations, i.e. the transcoder's active set and values, so the
 *   un-rewritten part of the layer is exactly the transcoder's (the paper code's "true values").
 * - "pre-topk-backfill": their relu'd pre-TopK values, so true latents ranked below k can refill the slots that
 *   rewritten latents free; this flatters partial fractions and is kept only as a named alternative.
 */
export type UnrewrittenLatents = "transcoder-topk" | "pre-topk-backfill";

export const UNREWRITTEN_LATENTS: readonly UnrewrittenLatents[] = ["transcoder-topk", "pre-topk-backfill"];

/**
 * Over P prompts: `trueActivations` is [P·L] row-major relu'd pre-activations; `replacement` null sets the chosen
 * latents to 0 (the "zero exactly the chosen latents" baseline). `ownTopK` is TopK(k) of `trueActivations` when
 * the caller already has it (an evaluation rewrites many cells of the same prompts). Returns TopK as [P·k].
 */
export function rewrittenTopK(
  trueActivations: Float32Array,
  numLatents: number,
  k: number,
  chosen: ArrayLike<number>,
  replacement: LatentReplacement | null,
  unrewritten: UnrewrittenLatents = "transcoder-topk",
  ownTopK?: TopK,
): TopK {
  const promptCount = trueActivations.length / numLatents;
  const values = new Float32Array(promptCount * k);
  const indices = new Int32Array(promptCount * k);
  const row = new Float32Array(numLatents);
  const own = unrewritten === "transcoder-topk" ? (ownTopK ?? topKRows(trueActivations, numLatents, k)) : null;
  for (let p = 0; p < promptCount; p++) {
    const trueRow = trueActivations.subarray(p * numLatents, (p + 1) * numLatents);
    if (own === null) {
      row.set(trueRow);
    } else {
      row.fill(0);
      for (let j = p * k; j < (p + 1) * k; j++) row[own.indices[j]] = own.values[j];
    }
    for (let i = 0; i < chosen.length; i++) row[chosen[i]] = replacement === null ? 0 : replacement(p, chosen[i]);
    const top = topK(row, k);
    values.set(top.values, p * k);
    indices.set(top.indices, p * k);
  }
  return { values, indices };
}
