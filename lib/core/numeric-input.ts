// Shared input checks for lib/core: every public function validates its inputs once, with errors that name
// the argument, the offending value and its index, so a caller can fix the data instead of debugging NaNs.

/** Throws unless `values` is non-empty and every element is a number that is not NaN. Returns the length. */
export function checkSample(name: string, values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error(`${name} is empty; pass at least one value`);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new Error(`${name}[${i}] is NaN; remove or impute missing values first`);
  }
  return values.length;
}

/** Throws unless both samples pass `checkSample` and have the same length. Returns the common length. */
export function checkPairedSamples(
  nameA: string,
  a: ArrayLike<number>,
  nameB: string,
  b: ArrayLike<number>,
): number {
  if (a.length !== b.length) {
    throw new Error(`${nameA} has ${a.length} values but ${nameB} has ${b.length}; they must be paired one to one`);
  }
  checkSample(nameA, a);
  checkSample(nameB, b);
  return a.length;
}

/** Throws unless `p` is a probability in [0, 1]. */
export function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`${name} must be a probability in [0, 1], got ${p}`);
}

/** Throws unless `n` is an integer ≥ `min`. */
export function checkInteger(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${n}`);
}

/** Reads a boolean-ish label (true/false or a number, non-zero = true); throws on NaN. */
export function isTruthyLabel(name: string, values: ArrayLike<boolean | number>, i: number): boolean {
  const v = values[i];
  if (typeof v === "number" && Number.isNaN(v)) throw new Error(`${name}[${i}] is NaN; labels must be booleans or 0/1`);
  return v === true || (typeof v === "number" && v !== 0);
}

/** Sorted ascending copy as Float64Array (validated: non-empty, no NaN). */
export function sortedCopy(name: string, values: ArrayLike<number>): Float64Array {
  checkSample(name, values);
  return Float64Array.from(values).sort();
}
