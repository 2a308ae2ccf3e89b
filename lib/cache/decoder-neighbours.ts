// Nearest latents by the cosine of their decoder directions (rows of sparsify's W_dec [L, d]), the "similar
// features" list of neuron viewers. Exact all-pairs: onnxruntime's float32 GEMM scores a block of rows against every
// row, and a threshold-pruned insertion keeps each row's best `count` (at L = 32,768 a plain-JS loop took minutes).
import * as ort from "onnxruntime-node";
import { createOrtSession } from "@/lib/model/ort-session";
import { buildCosineBlockGraph } from "./cosine-graph";

export interface DecoderNeighbours {
  count: number;
  /** [numLatents · count] neighbour latents, nearest first (-1 pads when numLatents − 1 < count). */
  latents: Int32Array;
  /** float32 cosines, so they may differ from exact ones in the last bits; equal float32 cosines tie. */
  cosines: Float32Array;
}

// A [512, 32,768] float32 block of scores is 64 MiB: large enough for an efficient GEMM, small enough to hold.
const MAX_BLOCK_SCORES = 1 << 24;

function unitRows(wDec: Float32Array, numLatents: number, dIn: number): Float32Array {
  if (wDec.length !== numLatents * dIn) throw new Error(`W_dec has ${wDec.length} values; expected ${numLatents} × ${dIn}`);
  const unit = new Float32Array(wDec.length);
  for (let l = 0; l < numLatents; l++) {
    let norm = 0;
    for (let c = l * dIn; c < (l + 1) * dIn; c++) norm += wDec[c] * wDec[c];
    // A zero row (a dead latent) has no direction: it stays zero and so has cosine 0 with everything.
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = l * dIn; c < (l + 1) * dIn; c++) unit[c] = wDec[c] * scale;
  }
  return unit;
}

/** The `count` latents with the largest decoder cosine to each latent (itself excluded; ties → lower index). */
export async function decoderNeighbours(wDec: Float32Array, numLatents: number, dIn: number, count: number): Promise<DecoderNeighbours> {
  const unit = unitRows(wDec, numLatents, dIn);
  const latents = new Int32Array(numLatents * count).fill(-1);
  const cosines = new Float32Array(numLatents * count).fill(-Infinity);
  if (count === 0 || numLatents < 2) return { count, latents, cosines };
  const session = await createOrtSession(buildCosineBlockGraph(unit, numLatents, dIn));
  try {
    const blockRows = Math.max(1, Math.min(numLatents, Math.floor(MAX_BLOCK_SCORES / numLatents)));
    for (let start = 0; start < numLatents; start += blockRows) {
      const end = Math.min(numLatents, start + blockRows);
      const feeds = { start: new ort.Tensor("int64", BigInt64Array.of(BigInt(start)), [1]), end: new ort.Tensor("int64", BigInt64Array.of(BigInt(end)), [1]) };
      const scores = (await session.run(feeds)).cosines.data as Float32Array;
      for (let i = start; i < end; i++) selectNeighbours(scores, (i - start) * numLatents, numLatents, i, latents, cosines, i * count, count);
    }
  } finally {
    await session.release();
  }
  return { count, latents, cosines };
}

// Scans j ascending and inserts only on "strictly greater", so the lower index stays first among equal cosines.
function selectNeighbours(scores: Float32Array, offset: number, numLatents: number, self: number, latents: Int32Array, cosines: Float32Array, base: number, count: number): void {
  const last = base + count - 1;
  let threshold = cosines[last];
  for (let j = 0; j < numLatents; j++) {
    const cosine = scores[offset + j];
    if (!(cosine > threshold) || j === self) continue;
    let slot = last;
    while (slot > base && cosine > cosines[slot - 1]) {
      cosines[slot] = cosines[slot - 1];
      latents[slot] = latents[slot - 1];
      slot--;
    }
    cosines[slot] = cosine;
    latents[slot] = j;
    threshold = cosines[last];
  }
}
