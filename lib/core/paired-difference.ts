// Paired comparison of two ways of patching the same prompts: the per-prompt CE difference (a − b), with a
// bootstrap CI of its mean over prompts. Resampling prompts keeps each pair together, so the shared per-prompt
// difficulty cancels; two marginal CIs that overlap can still hide a clear paired difference (§3's verdicts).
import { bootstrapCi, mean, type BootstrapOptions, type ConfidenceInterval } from "./bootstrap-ci";
import type { SeededRng } from "./seeded-rng";

/**
 * `a` holds one or more draws (e.g. random selections) of per-prompt CE, each [P]; a prompt's value is the mean
 * over draws. Returns the mean over prompts of (a − b) with its percentile bootstrap CI.
 */
export function pairedMeanDifference(
  a: readonly ArrayLike<number>[],
  b: ArrayLike<number>,
  rng: SeededRng,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  if (a.length === 0) throw new Error("pairedMeanDifference needs at least one draw of a");
  const n = b.length;
  for (const [i, draw] of a.entries()) {
    if (draw.length !== n) throw new Error(`draw ${i} has ${draw.length} prompts but the reference has ${n}; pair the same prompts`);
  }
  const difference = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let sum = 0;
    for (const draw of a) sum += draw[p];
    difference[p] = sum / a.length - b[p];
  }
  return bootstrapCi(difference, mean, rng, options);
}

export type PairedVerdictKind = "beats" | "worse" | "indistinguishable";

/** "beats": the whole CI of (rewrite − reference) lies below 0; "worse": above 0; otherwise no detectable difference. */
export function pairedVerdictKind(difference: Pick<ConfidenceInterval, "lower" | "upper">): PairedVerdictKind {
  if (difference.upper < 0) return "beats";
  if (difference.lower > 0) return "worse";
  return "indistinguishable";
}
