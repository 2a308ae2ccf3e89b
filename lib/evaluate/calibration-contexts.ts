// The calibration sample of §2.1 / App. B: contexts (one last token each) drawn from the activation cache's
// training-split tokens, so they never overlap the held-out evaluation prompts. The cache's CSR gives, exactly,
// both targets of the quantile normalizer: (a) every cached token of a latent (zeros as a count) and (b) the true
// activations on the sampled contexts themselves.
import type { ActivationCache } from "@/lib/cache/activation-cache";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { zeroInflatedSample, type ZeroInflatedSample } from "@/lib/core/zero-inflated-sample";

export interface CalibrationSample {
  /** Global token index (context · contextLength + position) of each calibration context's last token, ascending. */
  readonly positions: Uint32Array;
  /** Tokens the simulator sees, ending at that token (delphi: 32). */
  readonly windowLength: number;
  /** [contexts × latents] the cached activations (TopK outputs) at those tokens: target (b). */
  readonly activationsAfterTopK: Float32Array;
  /** [latents] the largest cached activation: the top of the uncalibrated linear map. */
  readonly maxActivationByLatent: Float64Array;
}

/**
 * `count` distinct tokens, uniformly among those with a full window of left context in their cache context,
 * drawn from `seed`.
 */
export function calibrationSample(cache: ActivationCache, count: number, windowLength: number, seed: number): CalibrationSample {
  const { contextLength, numContexts, numLatents } = cache.manifest;
  if (!Number.isInteger(windowLength) || windowLength < 1 || windowLength > contextLength) {
    throw new Error(`the simulation window of ${windowLength} tokens must lie in [1, ${contextLength}] (the cache's context length)`);
  }
  const perContext = contextLength - windowLength + 1;
  const eligible = numContexts * perContext;
  if (!Number.isInteger(count) || count < 1 || count > eligible) {
    throw new Error(`${count} calibration contexts asked for, but the cache has ${eligible} tokens with ${windowLength - 1} tokens before them`);
  }
  const positions = sampleWithoutReplacement(createSeededRng(seed), eligible, count)
    .map((i) => Math.floor(i / perContext) * contextLength + windowLength - 1 + (i % perContext))
    .sort();
  const row = new Map(Array.from(positions, (position, r) => [position, r]));
  const activationsAfterTopK = new Float32Array(count * numLatents);
  const maxActivationByLatent = new Float64Array(numLatents);
  for (let latent = 0; latent < numLatents; latent++) {
    const acts = cache.latentActivations(latent);
    let max = 0;
    for (let i = 0; i < acts.positions.length; i++) {
      max = Math.max(max, acts.values[i]);
      const r = row.get(acts.positions[i]);
      if (r !== undefined) activationsAfterTopK[r * numLatents + latent] = acts.values[i];
    }
    maxActivationByLatent[latent] = max;
  }
  return { positions, windowLength, activationsAfterTopK, maxActivationByLatent };
}

/** Target (a): a latent's activations over every cached token, read from the CSR when a fit asks for it. */
export function cacheTargetSample(cache: ActivationCache): (latent: number) => ZeroInflatedSample {
  return (latent) => zeroInflatedSample(cache.numTokens, cache.latentActivations(latent).values);
}
