// Next-token cross-entropy in nats from raw logits, via a max-shifted log-sum-exp in float64 (§2.3: CE loss of
// the clean, transcoder-spliced and rewritten model at the evaluated position).

/** −log softmax(logits)[target] for one row of logits. */
export function crossEntropyNats(logits: ArrayLike<number>, target: number): number {
  if (!Number.isInteger(target) || target < 0 || target >= logits.length) {
    throw new Error(`target ${target} is outside the vocabulary [0, ${logits.length})`);
  }
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  return Math.log(sum) + max - logits[target];
}

/**
 * CE at chosen rows of a row-major [rows, vocabSize] logits matrix: `rows[i]` is a flattened (batch·T + position)
 * index and `targets[i]` the token that follows it.
 */
export function crossEntropyAtRows(logits: Float32Array, vocabSize: number, rows: ArrayLike<number>, targets: ArrayLike<number>): Float64Array {
  if (rows.length !== targets.length) throw new Error(`rows (${rows.length}) and targets (${targets.length}) differ in length`);
  const totalRows = logits.length / vocabSize;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Number.isInteger(row) || row < 0 || row >= totalRows) throw new Error(`row ${row} is outside [0, ${totalRows})`);
    out[i] = crossEntropyNats(logits.subarray(row * vocabSize, (row + 1) * vocabSize), targets[i]);
  }
  return out;
}

/** Per-position next-token CE of one sequence: position t predicts ids[t + 1], so T − 1 values. */
export function nextTokenCrossEntropy(logits: Float32Array, vocabSize: number, ids: ArrayLike<number>): Float64Array {
  const positions = Array.from({ length: ids.length - 1 }, (_, t) => t);
  const targets = positions.map((t) => ids[t + 1]);
  return crossEntropyAtRows(logits, vocabSize, positions, targets);
}
