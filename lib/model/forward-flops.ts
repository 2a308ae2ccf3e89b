// Floating-point operations of a GPT-NeoX forward (a multiply-add counts 2), so a benchmark can print achieved
// GFLOP/s next to the machine's matmul peak. Only matmuls count: LayerNorm, GELU and softmax are O(d) per token.

export interface FlopShape {
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  vocab_size: number;
}

/**
 * One forward of `batch` sequences of `length` tokens: per layer and token the fused QKV (3d²) and output (d²)
 * projections, the MLP (2·d·I) and attention over all `length` positions (QKᵀ and AV, 2·length·d; the runtimes
 * compute the full square and mask it), then the unembedding (d·V) per token.
 */
export function forwardFlops(shape: FlopShape, batch: number, length: number): number {
  const d = shape.hidden_size;
  const perLayerMacs = 4 * d * d + 2 * d * shape.intermediate_size + 2 * length * d;
  return 2 * batch * length * (shape.num_hidden_layers * perLayerMacs + d * shape.vocab_size);
}

/** A TopK transcoder on every token: the dense encoder (d·latents), k decoder rows and the d×d skip connection. */
export function transcoderFlops(d: number, numLatents: number, k: number, tokens: number): number {
  return 2 * tokens * (d * numLatents + k * d + d * d);
}
