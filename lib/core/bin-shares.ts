// Histograms compared on one axis: each distribution's share of its non-zero values per bin, so the cache-wide
// true activations and a few hundred simulated contexts' calibrated predictions can be drawn together.

/** Counts as shares of their total (all zeros when the total is 0). */
export function countShares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/**
 * The share of a step CDF's positive mass (steps {x, p}: F jumps to p at x) in each bin [edges[i], edges[i + 1]),
 * the last bin closed; positive values outside the edges go to the nearest end bin. All zeros without positive mass.
 */
export function positiveBinShares(steps: readonly { x: number; p: number }[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  if (bins < 1) throw new Error(`a histogram needs at least 2 edges, got ${edges.length}`);
  const mass = new Array<number>(bins).fill(0);
  let previous = 0;
  for (const { x, p } of steps) {
    const weight = p - previous;
    previous = p;
    if (!(x > 0)) continue;
    let bin = 0;
    while (bin < bins - 1 && x >= edges[bin + 1]) bin++;
    mass[bin] += weight;
  }
  return countShares(mass);
}
