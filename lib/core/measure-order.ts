// Sorting and filtering latents by a per-latent measure that may be missing (an unexplained latent has no
// simulation correlation): missing values sort last in either direction and never pass a bound.

/** A measure read from a row; null or NaN where it does not exist. */
export type MeasureOf<R> = (row: R) => number | null;

export interface MeasureBound<R> {
  value: MeasureOf<R>;
  min?: number;
  max?: number;
}

const missing = (x: number | null): x is null => x === null || Number.isNaN(x);

/** The rows whose every bounded measure exists and lies within its bounds (both ends included), in their order. */
export function filterByMeasures<R>(rows: readonly R[], bounds: readonly MeasureBound<R>[]): R[] {
  const active = bounds.filter((b) => b.min !== undefined || b.max !== undefined);
  return rows.filter((row) =>
    active.every(({ value, min, max }) => {
      const x = value(row);
      return !missing(x) && (min === undefined || x >= min) && (max === undefined || x <= max);
    }),
  );
}

/** A sorted copy: by the measure in `direction`, missing values last either way, ties by latent index. */
export function sortByMeasure<R extends { latent: number }>(rows: readonly R[], value: MeasureOf<R>, direction: "asc" | "desc"): R[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (missing(x) || missing(y)) return missing(x) && missing(y) ? a.latent - b.latent : missing(x) ? 1 : -1;
    return x !== y ? sign * (x - y) : a.latent - b.latent;
  });
}
