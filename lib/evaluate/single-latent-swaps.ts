// The ledger's fast path: which (prompt, latent) pairs change a rewrite when only that latent's value changes,
// and the new TopK rows, without a TopK over all latents per pair. A row's TopK after one entry changes is found
// from its top k + 1 entries: the other latents' top k is among them, and the changed latent joins or leaves.
import { topK } from "@/lib/core/topk";

export interface SingleLatentSwaps {
  readonly prompt: Int32Array;
  readonly latent: Int32Array;
  /** [n·k] the TopK row after the swap; entries beyond the active ones are (index 0, value 0). */
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Does (index a, value va) come before (b, vb) in TopK order: larger value first, ties to the lower index. */
const before = (va: number, a: number, vb: number, b: number) => va > vb || (va === vb && a < b);

/**
 * `base` and `swapped` are [P·L] rows before TopK. For every (p, l) where TopK(base_p with l set to swapped[p, l])
 * differs from TopK(base_p) in its positive entries, the new row. A changed latent that stays out of the top k,
 * or an entry set to 0 that was not active, changes nothing and is left out (its CE change is exactly 0).
 */
export function singleLatentSwaps(base: Float32Array, swapped: Float32Array, numLatents: number, k: number): SingleLatentSwaps {
  if (base.length !== swapped.length || base.length % numLatents !== 0) {
    throw new Error(`base (${base.length}) and swapped (${swapped.length}) must both be [prompts × ${numLatents} latents]`);
  }
  if (!Number.isInteger(k) || k < 1 || k >= numLatents) throw new Error(`k must be an integer in [1, ${numLatents - 1}], got ${k}`);
  const prompts: number[] = [];
  const latents: number[] = [];
  const rows: { indices: Int32Array; values: Float32Array }[] = [];
  for (let p = 0; p < base.length / numLatents; p++) {
    const row = base.subarray(p * numLatents, (p + 1) * numLatents);
    const top = topK(row, k + 1);
    // The k-th entry: a latent outside the top k must come before it to enter.
    const lastValue = top.values[k - 1];
    const lastIndex = top.indices[k - 1];
    for (let l = 0; l < numLatents; l++) {
      const from = row[l];
      const to = swapped[p * numLatents + l];
      if (to === from) continue;
      const wasActive = from > 0 && !before(lastValue, lastIndex, from, l);
      const entersActive = to > 0 && (wasActive || before(to, l, lastValue, lastIndex));
      if (!wasActive && !entersActive) continue;
      rows.push(rowWithLatent(top, k, l, to));
      prompts.push(p);
      latents.push(l);
    }
  }
  const indices = new Int32Array(rows.length * k);
  const values = new Float32Array(rows.length * k);
  rows.forEach((r, i) => {
    indices.set(r.indices, i * k);
    values.set(r.values, i * k);
  });
  return { prompt: Int32Array.from(prompts), latent: Int32Array.from(latents), indices, values };
}

/** The top k of (the other latents' top k) ∪ {latent: value}, positive entries only, in TopK order. */
function rowWithLatent(top: { values: Float32Array; indices: Int32Array }, k: number, latent: number, value: number) {
  const indices = new Int32Array(k);
  const values = new Float32Array(k);
  let filled = 0;
  let placed = !(value > 0);
  for (let j = 0; j < top.indices.length && filled < k; j++) {
    if (top.indices[j] === latent || !(top.values[j] > 0)) continue;
    if (!placed && before(value, latent, top.values[j], top.indices[j])) {
      indices[filled] = latent;
      values[filled++] = value;
      placed = true;
      if (filled === k) break;
    }
    indices[filled] = top.indices[j];
    values[filled++] = top.values[j];
  }
  if (!placed && filled < k) {
    indices[filled] = latent;
    values[filled] = value;
  }
  return { indices, values };
}
