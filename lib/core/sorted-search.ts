// Binary search on ascending arrays, shared by the CDFs, the bins and the quantile map.

/** Number of elements ≤ x in an ascending-sorted array (ties at x all counted); the upper-bound insertion index. */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
