// The uncalibrated baseline (§3, Fig. A5): the paper's code mapped the simulator's 0–9 scale linearly onto
// [0, max activation] of the latent, with no regard for how rarely the latent fires.

/** rawPrediction ∈ [0, maxRawPrediction] → rawPrediction / maxRawPrediction · maxActivation, clamped to that range. */
export function linearNormalize(rawPrediction: number, maxActivation: number, maxRawPrediction = 9): number {
  if (Number.isNaN(rawPrediction)) throw new Error("cannot normalize a NaN raw prediction");
  if (!(maxActivation >= 0 && Number.isFinite(maxActivation))) {
    throw new Error(`maxActivation must be a finite number ≥ 0, got ${maxActivation}`);
  }
  if (!(maxRawPrediction > 0 && Number.isFinite(maxRawPrediction))) {
    throw new Error(`maxRawPrediction must be a finite number > 0, got ${maxRawPrediction}`);
  }
  const clamped = Math.min(maxRawPrediction, Math.max(0, rawPrediction));
  return (clamped / maxRawPrediction) * maxActivation;
}
