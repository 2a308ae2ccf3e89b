import { InvalidArgumentError } from "commander";

/** A commander argument parser for whole numbers ≥ min; underscores are allowed as digit separators (1_000_000). */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value.replaceAll("_", ""));
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}"`);
    return n;
  };
}
