// The per-latent numbers the latent browser shows and the explainer's example sampling needs, from the
// delphi-style cache view of one latent: how many tokens were seen and the activations where it fired.
import { checkInteger } from "./numeric-input";
import { quantileSorted } from "./sample-quantiles";
import { zeroInflatedSample } from "./zero-inflated-sample";

export interface LatentSummaryStats {
  readonly tokenCount: number;
  readonly activeCount: number;
  /** activeCount / tokenCount: the fraction of tokens where the latent fires. */
  readonly firingFrequency: number;
  /** Max over all tokens (0 when it never fired and no activation is negative). */
  readonly maxActivation: number;
  /** Mean over the tokens where it fired; NaN when it never fired. */
  readonly meanNonZero: number;
  /** Mean over all tokens, zeros included. */
  readonly meanActivation: number;
  /** quantileCount − 1 boundaries splitting the non-zero activations into equal-count groups (type 7); [] if none. */
  readonly quantileBoundaries: number[];
}

export function latentSummaryStats(
  tokenCount: number,
  nonZeroActivations: ArrayLike<number>,
  quantileCount = 10,
): LatentSummaryStats {
  checkInteger("quantileCount", quantileCount, 1);
  const sample = zeroInflatedSample(tokenCount, nonZeroActivations);
  const active = sample.sortedNonZero;
  let sum = 0;
  for (const v of active) sum += v;
  const top = active.length > 0 ? active[active.length - 1] : -Infinity;
  const quantileBoundaries: number[] = [];
  if (active.length > 0) {
    for (let q = 1; q < quantileCount; q++) quantileBoundaries.push(quantileSorted(active, q / quantileCount, 7));
  }
  return {
    tokenCount,
    activeCount: active.length,
    firingFrequency: active.length / tokenCount,
    maxActivation: sample.zeroCount > 0 ? Math.max(0, top) : top,
    meanNonZero: active.length > 0 ? sum / active.length : Number.NaN,
    meanActivation: sum / tokenCount,
    quantileBoundaries,
  };
}
