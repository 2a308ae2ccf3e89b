// The most likely next tokens of each row of logits with their softmax probabilities: what the clean and the
// rewritten model would say next at an evaluated position (float64 log-sum-exp, as cross-entropy.ts).
import { topK } from "./topk";

export interface TopTokens {
  /** [rows·n] token ids, most likely first; ties to the lower id. */
  readonly ids: Int32Array;
  /** [rows·n] their probabilities. */
  readonly probs: Float32Array;
}

/** The n most likely tokens of every row of a row-major [rows, vocab] logits matrix. */
export function topTokens(logits: Float32Array, vocabSize: number, n: number): TopTokens {
  if (!Number.isInteger(n) || n < 1 || n > vocabSize) throw new Error(`n must be an integer in [1, ${vocabSize}], got ${n}`);
  if (logits.length % vocabSize !== 0) throw new Error(`${logits.length} logits do not form rows of ${vocabSize}`);
  const rows = logits.length / vocabSize;
  const ids = new Int32Array(rows * n);
  const probs = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    const row = logits.subarray(r * vocabSize, (r + 1) * vocabSize);
    const top = topK(row, n);
    let sum = 0;
    for (let i = 0; i < vocabSize; i++) sum += Math.exp(row[i] - top.values[0]);
    for (let j = 0; j < n; j++) {
      ids[r * n + j] = top.indices[j];
      probs[r * n + j] = Math.exp(top.values[j] - top.values[0]) / sum;
    }
  }
  return { ids, probs };
}
