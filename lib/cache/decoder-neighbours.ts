// Nearest latents by the cosine of their decoder directions (rows of sparsify's W_dec [L, d]), the "similar
// features" list of neuron viewers. Exact all-pairs in blocks: a block of rows stays in cache while every
// other row streams past once.

export interface DecoderNeighbours {
  count: number;
  /** [numLatents · count] neighbour latents, nearest first (-1 pads when numLatents − 1 < count). */
  latents: Int32Array;
  cosines: Float32Array;
}

const BLOCK_ROWS = 64;

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
export function decoderNeighbours(wDec: Float32Array, numLatents: number, dIn: number, count: number): DecoderNeighbours {
  const unit = unitRows(wDec, numLatents, dIn);
  const latents = new Int32Array(numLatents * count).fill(-1);
  // Compared in float64 so equal cosines tie exactly; stored as float32.
  const cosines = new Float64Array(numLatents * count).fill(-Infinity);
  for (let start = 0; start < numLatents; start += BLOCK_ROWS) {
    const end = Math.min(numLatents, start + BLOCK_ROWS);
    for (let j = 0; j < numLatents; j++) {
      const rowJ = j * dIn;
      for (let i = start; i < end; i++) {
        if (i === j) continue;
        const rowI = i * dIn;
        let dot = 0;
        for (let c = 0; c < dIn; c++) dot += unit[rowI + c] * unit[rowJ + c];
        insertNeighbour(latents, cosines, i * count, count, j, dot);
      }
    }
  }
  return { count, latents, cosines: Float32Array.from(cosines) };
}

// j arrives in ascending order, so "strictly greater" keeps the lower index first among equal cosines.
function insertNeighbour(latents: Int32Array, cosines: Float64Array, base: number, count: number, j: number, cosine: number): void {
  if (count === 0 || !(cosine > cosines[base + count - 1])) return;
  let slot = base + count - 1;
  while (slot > base && cosine > cosines[slot - 1]) {
    cosines[slot] = cosines[slot - 1];
    latents[slot] = latents[slot - 1];
    slot--;
  }
  cosines[slot] = cosine;
  latents[slot] = j;
}
