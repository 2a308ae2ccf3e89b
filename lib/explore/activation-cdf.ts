// The CDF chart's data (Fig. 1: predicted vs true activation distributions): an empirical CDF as steps, one per
// distinct value, small enough to store per explanation version and to chart as a step line.

/** The CDF jumps to `p` (fraction of the sample ≤ x) at `x`. */
export interface CdfStep {
  readonly x: number;
  readonly p: number;
}

/** Empirical CDF of `values` (NaN left out, as failed predictions are): each distinct value ascending, with F(x). */
export function cdfSteps(values: ArrayLike<number>): CdfStep[] {
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  const n = sorted.length;
  const steps: CdfStep[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    steps.push({ x: sorted[i], p: (i + 1) / n });
  }
  return steps;
}

/** F(x) read off steps: the fraction ≤ x (0 left of the first step). */
export function cdfAt(steps: readonly CdfStep[], x: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].x <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : steps[lo - 1].p;
}

/**
 * The part of a CDF a log-x axis can draw: steps at x > 0. `startP` is F at the smallest positive x's left,
 * i.e. the mass at or below 0 (the zero mass of an inactive latent), drawn as the curve's starting level.
 */
export function positiveCdf(steps: readonly CdfStep[]): { startP: number; steps: CdfStep[] } {
  const positive = steps.filter((s) => s.x > 0);
  return { startP: cdfAt(steps, 0), steps: positive };
}

/** A short stable text of a CDF (x:p pairs, 4 significant digits), for a chart's data attribute and comparisons. */
export function cdfSignature(steps: readonly CdfStep[]): string {
  return steps.map((s) => `${Number(s.x.toPrecision(4))}:${Number(s.p.toPrecision(4))}`).join(" ");
}

/**
 * The points of a CDF's step line (drawn step-after) across [lo, hi]: from F = `startP` at lo, through each step
 * at or right of lo, level to hi. Steps left of lo (x ≤ 0 on a log axis) are folded into `startP` by the caller.
 */
export function cdfStepLine(steps: readonly CdfStep[], lo: number, hi: number, startP: number): [x: number, p: number][] {
  const inside = steps.filter((s) => s.x >= lo);
  return [[lo, startP], ...inside.map((s): [number, number] => [s.x, s.p]), [hi, inside.at(-1)?.p ?? startP]];
}
