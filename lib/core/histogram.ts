// Histograms of a latent's non-zero activations (Fig. 1 / A1 compare true, predicted and calibrated
// distributions); zeros are left out because they are most of the mass and would flatten the chart.
import { binIndexOf, checkBinEdges, logBinEdges, uniformBinEdges } from "./bin-edges";
import { checkSample } from "./numeric-input";

export interface Histogram {
  /** binCount + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last bin closed. */
  readonly edges: Float64Array;
  readonly counts: Uint32Array;
  /** Values outside [first edge, last edge], not counted in any bin. */
  readonly outsideCount: number;
}

/** Counts values into the given bins (numpy.histogram semantics). */
export function histogram(values: ArrayLike<number>, edges: ArrayLike<number>): Histogram {
  checkBinEdges(edges);
  if (values.length > 0) checkSample("values", values);
  const counts = new Uint32Array(edges.length - 1);
  let outsideCount = 0;
  for (let i = 0; i < values.length; i++) {
    const bin = binIndexOf(edges, values[i]);
    if (bin < 0) outsideCount++;
    else counts[bin]++;
  }
  return { edges: Float64Array.from(edges), counts, outsideCount };
}

export type BinScale = "linear" | "log";

/**
 * Histogram of the non-zero activations over their own range [min, max]. No values gives no bins; a single
 * distinct value gives one bin [v, v] holding all of them (a range of width 0 cannot be split).
 */
export function nonZeroActivationHistogram(
  nonZeroActivations: ArrayLike<number>,
  binCount: number,
  scale: BinScale = "linear",
): Histogram {
  const nonZero = Float64Array.from(nonZeroActivations).filter((v) => v !== 0);
  if (nonZero.length === 0) return { edges: new Float64Array(0), counts: new Uint32Array(0), outsideCount: 0 };
  checkSample("nonZeroActivations", nonZero);
  let min = Infinity;
  let max = -Infinity;
  for (const v of nonZero) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (min === max) return { edges: Float64Array.of(min, max), counts: Uint32Array.of(nonZero.length), outsideCount: 0 };
  const edges = scale === "log" ? logBinEdges(min, max, binCount) : uniformBinEdges(min, max, binCount);
  return histogram(nonZero, edges);
}
