// Bin edges shared by the activation histograms (Fig. 1) and the score bins of Fig. 4 / A4. Bins are
// [e_i, e_{i+1}) except the last, which is closed, as numpy.histogram does.
import { checkInteger } from "./numeric-input";
import { countAtMost } from "./sorted-search";

function checkRange(min: number, max: number): void {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new Error(`bin range needs finite min < max, got [${min}, ${max}]`);
  }
}

/** binCount equal-width bins on [min, max]; the end edges are exactly min and max. */
export function uniformBinEdges(min: number, max: number, binCount: number): Float64Array {
  checkRange(min, max);
  checkInteger("binCount", binCount, 1);
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i <= binCount; i++) edges[i] = min + ((max - min) * i) / binCount;
  edges[binCount] = max;
  return edges;
}

/** binCount bins of equal width in log space on [min, max], 0 < min (activations span orders of magnitude). */
export function logBinEdges(min: number, max: number, binCount: number): Float64Array {
  checkRange(min, max);
  if (!(min > 0)) throw new Error(`log bins need min > 0, got ${min}; drop zeros and negatives first`);
  checkInteger("binCount", binCount, 1);
  const logMin = Math.log(min);
  const logMax = Math.log(max);
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i <= binCount; i++) edges[i] = Math.exp(logMin + ((logMax - logMin) * i) / binCount);
  edges[0] = min;
  edges[binCount] = max;
  return edges;
}

/** Throws unless edges has ≥ 2 entries, strictly increasing and finite. */
export function checkBinEdges(edges: ArrayLike<number>): void {
  if (edges.length < 2) throw new Error(`bin edges need at least 2 values, got ${edges.length}`);
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i])) throw new Error(`bin edge ${i} is ${edges[i]}; edges must be finite`);
    if (i > 0 && !(edges[i] > edges[i - 1])) {
      throw new Error(`bin edges must increase strictly, but edge ${i - 1} = ${edges[i - 1]} and edge ${i} = ${edges[i]}`);
    }
  }
}

/** Index of the bin holding x, or -1 when x is outside [first edge, last edge] or NaN. */
export function binIndexOf(edges: ArrayLike<number>, x: number): number {
  const last = edges.length - 1;
  if (!(x >= edges[0] && x <= edges[last])) return -1;
  return Math.min(last, countAtMost(edges, x)) - 1;
}
