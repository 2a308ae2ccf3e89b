// Per-latent facts the ledger sets beside the causal measures, over every context the simulator saw (calibration
// contexts and test prompts): how often the latent truly fires, and how well its raw predictions track it.
// Accumulated a block of context rows at a time, so no [contexts × latents] matrix is held.

export interface LatentSimulationStats {
  /** Fraction of the contexts where the latent is in the transcoder's TopK. */
  readonly firingFrequency: Float64Array;
  /** Pearson r of raw predictions vs true TopK activations over the contexts with a prediction; NaN when undefined. */
  readonly correlation: Float64Array;
}

/** Firing counts and Welford's co-moments per latent (stable in one pass, unlike raw sums of squares). */
export class LatentSimulationStatsAccumulator {
  private contexts = 0;
  private readonly firing: Float64Array;
  private readonly n: Float64Array;
  private readonly meanRaw: Float64Array;
  private readonly meanTrue: Float64Array;
  private readonly m2Raw: Float64Array;
  private readonly m2True: Float64Array;
  private readonly coMoment: Float64Array;

  constructor(private readonly numLatents: number) {
    const perLatent = () => new Float64Array(numLatents);
    [this.firing, this.n, this.meanRaw, this.meanTrue, this.m2Raw, this.m2True, this.coMoment] = Array.from({ length: 7 }, perLatent);
  }

  /** `rawPredictions` (NaN = missing) and `truthAfterTopK`: [rows·L] over the same rows. */
  add(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>): void {
    const L = this.numLatents;
    if (rawPredictions.length !== truthAfterTopK.length || rawPredictions.length % L !== 0) {
      throw new Error(`rawPredictions (${rawPredictions.length}) and truthAfterTopK (${truthAfterTopK.length}) must both be [contexts × ${L} latents]`);
    }
    this.contexts += rawPredictions.length / L;
    for (let i = 0; i < rawPredictions.length; i++) {
      const l = i % L;
      const t = truthAfterTopK[i];
      if (t > 0) this.firing[l]++;
      const raw = rawPredictions[i];
      if (Number.isNaN(raw)) continue;
      const n = ++this.n[l];
      const dRaw = raw - this.meanRaw[l];
      const dTrue = t - this.meanTrue[l];
      this.meanRaw[l] += dRaw / n;
      this.meanTrue[l] += dTrue / n;
      this.m2Raw[l] += dRaw * (raw - this.meanRaw[l]);
      this.m2True[l] += dTrue * (t - this.meanTrue[l]);
      this.coMoment[l] += dRaw * (t - this.meanTrue[l]);
    }
  }

  finish(): LatentSimulationStats {
    const { contexts } = this;
    return {
      firingFrequency: Float64Array.from(this.firing, (f) => f / contexts),
      // NaN with fewer than two predictions or a constant side (zero variance), as pearsonCorrelation.
      correlation: Float64Array.from(this.n, (n, l) =>
        n > 1 && this.m2Raw[l] !== 0 && this.m2True[l] !== 0 ? this.coMoment[l] / Math.sqrt(this.m2Raw[l] * this.m2True[l]) : Number.NaN,
      ),
    };
  }
}

/** `rawPredictions` (NaN = missing) and `truthAfterTopK` are both [N·L] over the same N contexts. */
export function latentSimulationStats(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>, numLatents: number): LatentSimulationStats {
  const stats = new LatentSimulationStatsAccumulator(numLatents);
  stats.add(rawPredictions, truthAfterTopK);
  return stats.finish();
}
