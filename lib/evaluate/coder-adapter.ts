// What the rewrite protocol needs from the model runtime, for a fixed batch of P held-out prompts. Only the
// last position of each prompt is decoded, patched and scored (the paper code's protocol); where the patch goes
// (MLP output for a transcoder, residual stream for an SAE) is the runtime's business.
import type { TopTokens } from "@/lib/core/top-tokens";

export interface CoderAdapter {
  readonly kind: "transcoder" | "sae";
  readonly numLatents: number;
  /** TopK's k (32 in the paper). */
  readonly k: number;
  /**
   * Decodes chosen latents at each prompt's last token: indices and values are [P·k] row-major, the result is
   * [P·d]. Adds b_dec and, for a transcoder with a skip connection, the skip term from that prompt's MLP input.
   */
  decode(indices: Int32Array, values: Float32Array): Promise<Float32Array>;
  /**
   * Next-token CE (nats) at each prompt's last token with that position's patch target replaced by `replacement`
   * [P·d] (zeros = zero ablation). One value per prompt.
   */
  lastTokenCe(replacement: Float32Array): Promise<Float64Array>;
  /**
   * The same for any rows of any prompts (repeats allowed), each decoded from its own TopK row: row r patches prompt
   * prompts[r] with indices / values [r·k, (r+1)·k). What batches many single-latent changes across latents.
   */
  lastTokenCeOfRows(prompts: Int32Array, indices: Int32Array, values: Float32Array): Promise<Float64Array>;
  /** The n most likely next tokens of the same rows, when the runtime has logits (the per-prompt view). */
  lastTokenTopTokensOfRows?(prompts: Int32Array, indices: Int32Array, values: Float32Array, n: number): Promise<TopTokens>;
  /** [P·d] the clean model's value of the patch target at each last token (for mean ablation), when known. */
  readonly cleanPatchTarget?: Float32Array;
}

/** decode with its output shape checked, so a mis-wired runtime fails here and not as a wrong CE. */
export async function decodeChecked(coder: CoderAdapter, indices: Int32Array, values: Float32Array, promptCount: number): Promise<Float32Array> {
  const out = await coder.decode(indices, values);
  if (out.length === 0 || out.length % promptCount !== 0) {
    throw new Error(`decode returned ${out.length} values for ${promptCount} prompts; expected [prompts × d]`);
  }
  return out;
}

/** lastTokenCe with one finite CE per prompt checked. */
export async function lastTokenCeChecked(coder: CoderAdapter, replacement: Float32Array, promptCount: number): Promise<Float64Array> {
  const ce = await coder.lastTokenCe(replacement);
  if (ce.length !== promptCount) throw new Error(`lastTokenCe returned ${ce.length} values for ${promptCount} prompts`);
  const bad = ce.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(`lastTokenCe returned ${ce[bad]} for prompt ${bad}; the patched forward pass must give a finite CE`);
  return ce;
}
