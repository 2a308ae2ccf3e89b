// Fig. 4 / A4: explanations binned by their detection or fuzzing score, with the mean sensitivity or
// specificity of each bin and how many explanations it holds.
import { binIndexOf, checkBinEdges } from "./bin-edges";

export interface ScoreBin {
  readonly lower: number;
  readonly upper: number;
  /** Explanations in the bin with a defined (non-NaN) value. */
  readonly count: number;
  /** Explanations in the bin whose value is NaN (e.g. sensitivity of a latent that never fired), left out of the mean. */
  readonly undefinedCount: number;
  /** NaN for an empty bin. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN below 2 values. */
  readonly standardDeviation: number;
  /** standardDeviation / √count, for error bars. */
  readonly standardError: number;
}

/**
 * Groups `values[i]` by `scores[i]` into the bins given by `edges` (see bin-edges: last bin closed). A score
 * outside the edges or NaN is an error: every explanation must land in a bin, or the figure silently loses data.
 */
export function binByScore(scores: ArrayLike<number>, values: ArrayLike<number>, edges: ArrayLike<number>): ScoreBin[] {
  checkBinEdges(edges);
  if (scores.length !== values.length) {
    throw new Error(`scores has ${scores.length} entries but values has ${values.length}; they must be paired`);
  }
  const binCount = edges.length - 1;
  const members: number[][] = Array.from({ length: binCount }, () => []);
  const undefinedCounts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const bin = binIndexOf(edges, scores[i]);
    if (bin < 0) throw new Error(`scores[${i}] = ${scores[i]} lies outside the bins [${edges[0]}, ${edges[binCount]}]`);
    if (Number.isNaN(values[i])) undefinedCounts[bin]++;
    else members[bin].push(values[i]);
  }
  return members.map((xs, bin) => {
    const count = xs.length;
    const mean = count === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / count;
    const variance = count < 2 ? Number.NaN : xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (count - 1);
    const standardDeviation = Math.sqrt(variance);
    return {
      lower: edges[bin],
      upper: edges[bin + 1],
      count,
      undefinedCount: undefinedCounts[bin],
      mean,
      standardDeviation,
      standardError: standardDeviation / Math.sqrt(count),
    };
  });
}
