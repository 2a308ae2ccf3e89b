// Fig. 3's measure: per-prompt increase of next-token cross-entropy at the last token over the clean model,
// summarised by its mean and by the median absolute difference (the distribution is heavy-tailed), each with a
// bootstrap 95% CI.
import { bootstrapCi, mean, medianOfAbsolute, type BootstrapOptions, type ConfidenceInterval } from "./bootstrap-ci";
import { checkPairedSamples } from "./numeric-input";
import type { SeededRng } from "./seeded-rng";

/** patched − clean, per prompt, in nats. */
export function ceIncreasePerPrompt(patchedCeNats: ArrayLike<number>, cleanCeNats: ArrayLike<number>): Float64Array {
  const n = checkPairedSamples("patchedCeNats", patchedCeNats, "cleanCeNats", cleanCeNats);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = patchedCeNats[i] - cleanCeNats[i];
  return out;
}

export interface CeIncreaseSummary {
  readonly promptCount: number;
  /** Mean of (patched − clean), nats. */
  readonly meanIncreaseNats: ConfidenceInterval;
  /** Median of |patched − clean|, nats: Fig. 3's bar height. */
  readonly medianAbsoluteDifferenceNats: ConfidenceInterval;
}

/** Both summaries with percentile bootstrap CIs; the two CIs draw their resamples one after the other from rng. */
export function summarizeCeIncrease(
  patchedCeNats: ArrayLike<number>,
  cleanCeNats: ArrayLike<number>,
  rng: SeededRng,
  options: BootstrapOptions = {},
): CeIncreaseSummary {
  const increase = ceIncreasePerPrompt(patchedCeNats, cleanCeNats);
  return {
    promptCount: increase.length,
    meanIncreaseNats: bootstrapCi(increase, mean, rng, options),
    medianAbsoluteDifferenceNats: bootstrapCi(increase, medianOfAbsolute, rng, options),
  };
}
