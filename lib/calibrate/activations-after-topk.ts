// The activations a latent actually has after TopK (zero outside the k winners), the distribution the
// activation cache records and that calibration target (b) uses on the prompt sample (App. B).
import { topKRows } from "@/lib/core/topk";

/** Dense relu'd pre-activations [rows × numLatents] → the same shape with all but each row's top k set to 0. */
export function activationsAfterTopK(preActivations: Float32Array, numLatents: number, k: number): Float32Array {
  const top = topKRows(preActivations, numLatents, k);
  const out = new Float32Array(preActivations.length);
  for (let i = 0; i < top.indices.length; i++) {
    const row = Math.floor(i / k);
    out[row * numLatents + top.indices[i]] = top.values[i];
  }
  return out;
}
