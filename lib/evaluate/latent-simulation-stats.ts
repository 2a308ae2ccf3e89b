// Per-latent facts the ledger sets beside the causal measures, over every context the simulator saw (calibration
// contexts and test prompts): how often the latent truly fires, and how well its raw predictions track it.
// Accumulated a block of context rows at a time, so no [contexts × latents] matrix is held.

export interface LatentSimulationStats {
  /** Fraction of the contexts where the latent is in the transcoder's TopK. */
  readonly firingFrequency: Float64Array;
  /** Pearson r of raw predictions vs true TopK activations over the contexts with a prediction; NaN when undefined. */
  readonly correlation: Float64Array;
}

/**
 * Two passes over the same rows in the same order, as pearsonCorrelation's two-pass sums: add() every block for the
 * means, then addDeviations() every block again. Same arithmetic in the same order gives the same r to the last bit,
 * so ties between latents (and the rank statistics built on r) do not move.
 */
export class LatentSimulationStatsAccumulator {
  private contexts = 0;
  private readonly firing: Float64Array;
  private readonly n: Float64Array;
  private readonly meanRaw: Float64Array;
  private readonly meanTrue: Float64Array;
  private readonly sxx: Float64Array;
  private readonly syy: Float64Array;
  private readonly sxy: Float64Array;
  private meansFixed = false;

  constructor(private readonly numLatents: number) {
    const perLatent = () => new Float64Array(numLatents);
    [this.firing, this.n, this.meanRaw, this.meanTrue, this.sxx, this.syy, this.sxy] = Array.from({ length: 7 }, perLatent);
  }

  private check(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>): void {
    const L = this.numLatents;
    if (rawPredictions.length !== truthAfterTopK.length || rawPredictions.length % L !== 0) {
      throw new Error(`rawPredictions (${rawPredictions.length}) and truthAfterTopK (${truthAfterTopK.length}) must both be [contexts × ${L} latents]`);
    }
  }

  /** First pass. `rawPredictions` (NaN = missing) and `truthAfterTopK`: [rows·L] over the same rows. */
  add(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>): void {
    this.check(rawPredictions, truthAfterTopK);
    const L = this.numLatents;
    this.contexts += rawPredictions.length / L;
    for (let i = 0; i < rawPredictions.length; i++) {
      const l = i % L;
      if (truthAfterTopK[i] > 0) this.firing[l]++;
      if (Number.isNaN(rawPredictions[i])) continue;
      this.n[l]++;
      this.meanRaw[l] += rawPredictions[i];
      this.meanTrue[l] += truthAfterTopK[i];
    }
  }

  /** Second pass over the same rows, in the same order. */
  addDeviations(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>): void {
    this.check(rawPredictions, truthAfterTopK);
    if (!this.meansFixed) {
      this.meanRaw.forEach((sum, l) => (this.meanRaw[l] = sum / this.n[l]));
      this.meanTrue.forEach((sum, l) => (this.meanTrue[l] = sum / this.n[l]));
      this.meansFixed = true;
    }
    const L = this.numLatents;
    for (let i = 0; i < rawPredictions.length; i++) {
      if (Number.isNaN(rawPredictions[i])) continue;
      const l = i % L;
      const dx = rawPredictions[i] - this.meanRaw[l];
      const dy = truthAfterTopK[i] - this.meanTrue[l];
      this.sxy[l] += dx * dy;
      this.sxx[l] += dx * dx;
      this.syy[l] += dy * dy;
    }
  }

  finish(): LatentSimulationStats {
    const { contexts } = this;
    return {
      firingFrequency: Float64Array.from(this.firing, (f) => f / contexts),
      // NaN with fewer than two predictions or a constant side (zero variance), as pearsonCorrelation.
      correlation: Float64Array.from(this.n, (n, l) =>
        n > 1 && this.sxx[l] !== 0 && this.syy[l] !== 0 ? this.sxy[l] / Math.sqrt(this.sxx[l] * this.syy[l]) : Number.NaN,
      ),
    };
  }
}

/** `rawPredictions` (NaN = missing) and `truthAfterTopK` are both [N·L] over the same N contexts. */
export function latentSimulationStats(rawPredictions: ArrayLike<number>, truthAfterTopK: ArrayLike<number>, numLatents: number): LatentSimulationStats {
  const stats = new LatentSimulationStatsAccumulator(numLatents);
  stats.add(rawPredictions, truthAfterTopK);
  stats.addDeviations(rawPredictions, truthAfterTopK);
  return stats.finish();
}
