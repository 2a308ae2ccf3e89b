// A deterministic stand-in for the transcoder, for tests and for developing pages before a pack exists.
import type { EncodeBatch } from "@/lib/cache/encode-batch";

/**
 * Token (id v, previous id u) fires k distinct latents (base + j·stride) mod L with base = (37v + 11u) mod L,
 * stride = ⌊L/k⌋, values decreasing in j; the last slot is exactly 0 when v is a multiple of 3 (a TopK value
 * that the cache must drop).
 */
export function syntheticEncoder(numLatents: number, k: number): EncodeBatch {
  const stride = Math.floor(numLatents / k);
  if (stride < 1) throw new Error(`a synthetic encoder needs numLatents ≥ k, got ${numLatents} < ${k}`);
  return async (tokenIds, batch, length) => {
    const indices = new Int32Array(batch * length * k);
    const values = new Float32Array(batch * length * k);
    for (let t = 0; t < batch * length; t++) {
      const v = tokenIds[t];
      const u = t % length === 0 ? 0 : tokenIds[t - 1];
      const base = (37 * v + 11 * u) % numLatents;
      for (let j = 0; j < k; j++) {
        indices[t * k + j] = (base + j * stride) % numLatents;
        values[t * k + j] = j === k - 1 && v % 3 === 0 ? 0 : ((k - j) * (1 + (v % 5))) / k;
      }
    }
    return { k, indices, values };
  };
}
