// TopK as sparsify applies it to latent pre-activations: the k largest values, in descending order, with ties
// broken by the lower index (the ONNX TopK rule, so this agrees with the ORT graphs).

export interface TopK {
  values: Float32Array;
  indices: Int32Array;
}

/** The k largest entries of `row` (k ≤ row.length), largest first; equal values keep index order. */
export function topK(row: ArrayLike<number>, k: number): TopK {
  if (!Number.isInteger(k) || k < 0 || k > row.length) throw new Error(`topK needs 0 ≤ k ≤ ${row.length}, got ${k}`);
  const values = new Float32Array(k);
  const indices = new Int32Array(k);
  let filled = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    // Strictly greater than the current k-th: an equal later value loses the tie.
    if (filled === k && !(v > values[k - 1])) continue;
    let slot = filled < k ? filled++ : k - 1;
    while (slot > 0 && v > values[slot - 1]) {
      values[slot] = values[slot - 1];
      indices[slot] = indices[slot - 1];
      slot--;
    }
    values[slot] = v;
    indices[slot] = i;
  }
  return { values, indices };
}

/** Row-wise topK over a row-major [rows, cols] matrix; results are [rows, k] row-major. */
export function topKRows(matrix: Float32Array, cols: number, k: number): TopK {
  if (cols <= 0 || matrix.length % cols !== 0) throw new Error(`matrix of length ${matrix.length} is not a multiple of cols ${cols}`);
  const rows = matrix.length / cols;
  const values = new Float32Array(rows * k);
  const indices = new Int32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const top = topK(matrix.subarray(r * cols, (r + 1) * cols), k);
    values.set(top.values, r * k);
    indices.set(top.indices, r * k);
  }
  return { values, indices };
}
