// A chart's value axis that never collapses: when every value is 0 (calibration mapped every prediction to 0) a
// domain computed from the data would be [0, 0] or a meaningless [0, 1e-6].

export interface ValueDomain {
  hi: number;
  /** True when the data gave no positive extent and `hi` is the fixed fallback. */
  degenerate: boolean;
}

/** [0, max(values)] when some value is positive and finite; otherwise [0, fallbackHi] flagged as degenerate. */
export function nonDegenerateDomain(values: readonly number[], fallbackHi: number): ValueDomain {
  if (!(fallbackHi > 0)) throw new Error(`the fallback upper bound must be positive, got ${fallbackHi}`);
  let hi = 0;
  for (const v of values) if (Number.isFinite(v) && v > hi) hi = v;
  return hi > 0 ? { hi, degenerate: false } : { hi: fallbackHi, degenerate: true };
}

/** A log axis reads better when the positive values span at least `decades` powers of ten. */
export function prefersLogScale(values: readonly number[], decades = 2): boolean {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi > 0 && hi / lo >= 10 ** decades;
}
