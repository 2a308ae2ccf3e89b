// Per-latent facts the ledger sets beside the causal measures, over every context the simulator saw (calibration
// contexts and test prompts): how often the latent truly fires, and how well its raw predictions track it.
import { pearsonCorrelation } from "@/lib/core/correlation";

export interface LatentSimulationStats {
  /** Fraction of the contexts where the latent is in the transcoder's TopK. */
  readonly firingFrequency: Float64Array;
  /** Pearson r of raw predictions vs true TopK activations over the contexts with a prediction; NaN when undefined. */
  readonly correlation: Float64Array;
}

/** `rawPredictions` (NaN = missing) and `truthAfterTopK` are both [N·L] over the same N contexts. */
export function latentSimulationStats(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>, numLatents: number): LatentSimulationStats {
  if (rawPredictions.length !== truthAfterTopK.length || rawPredictions.length % numLatents !== 0) {
    throw new Error(`rawPredictions (${rawPredictions.length}) and truthAfterTopK (${truthAfterTopK.length}) must both be [contexts × ${numLatents} latents]`);
  }
  const contexts = rawPredictions.length / numLatents;
  const firingFrequency = new Float64Array(numLatents);
  const correlation = new Float64Array(numLatents);
  const predicted = new Float64Array(contexts);
  const truth = new Float64Array(contexts);
  for (let l = 0; l < numLatents; l++) {
    let n = 0;
    let firing = 0;
    for (let c = 0; c < contexts; c++) {
      const t = truthAfterTopK[c * numLatents + l];
      if (t > 0) firing++;
      const raw = rawPredictions[c * numLatents + l];
      if (Number.isNaN(raw)) continue;
      predicted[n] = raw;
      truth[n++] = t;
    }
    firingFrequency[l] = firing / contexts;
    correlation[l] = n > 1 ? pearsonCorrelation(predicted.subarray(0, n), truth.subarray(0, n)) : Number.NaN;
  }
  return { firingFrequency, correlation };
}
