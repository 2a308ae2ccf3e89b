// The one thing the cache needs from the model runtime: run the base model up to the coder's hookpoint and
// encode with the transcoder / SAE, returning its TopK latents per token (sparsify: `top_indices`, `top_acts`).

/** TopK latents of every token, row-major [batch · length · k]. */
export interface EncodedBatch {
  k: number;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * Encodes `batch` contexts of `length` tokens each (`tokenIds` row-major [batch · length]). Must be
 * deterministic: a resumed cache build re-encodes nothing it has stored, but its files must equal a fresh build.
 */
export type EncodeBatch = (tokenIds: Int32Array, batch: number, length: number) => Promise<EncodedBatch>;

/** delphi stores an activation when |a| > 1e-5; smaller TopK values count as zeros. */
export const ACTIVE_THRESHOLD = 1e-5;

/** Throws unless the encoder's answer has the shape the contract promises. */
export function checkEncodedBatch(encoded: EncodedBatch, tokens: number, numLatents: number): void {
  const { k, indices, values } = encoded;
  if (!Number.isInteger(k) || k < 1) throw new Error(`encoder returned k = ${k}; expected a positive integer`);
  if (indices.length !== tokens * k || values.length !== tokens * k) {
    throw new Error(`encoder returned ${indices.length} indices and ${values.length} values for ${tokens} tokens at k = ${k}; expected ${tokens * k} of each`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (!(indices[i] >= 0 && indices[i] < numLatents)) {
      throw new Error(`encoder returned latent index ${indices[i]} at entry ${i}; the coder has ${numLatents} latents`);
    }
  }
}
