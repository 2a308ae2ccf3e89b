// A latent's summary as the latents table stores it (blobs for the arrays); lib/cache computes it from the
// activation cache and re-exports this type, so the row and the computation share one definition.
export interface LatentSummary {
  nonZeroCount: number;
  frequency: number;
  maxActivation: number;
  meanNonZero: number;
  histogramEdges: Float64Array;
  histogramCounts: Uint32Array;
  /** Percentiles 0, 1, …, 100 of the non-zero activations (type 7); empty for a latent that never fires. */
  percentiles: Float32Array;
  topWindows: Uint32Array;
  quantileWindows: Uint32Array[];
}
