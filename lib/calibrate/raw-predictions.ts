// The simulator's typed outcomes → the numeric column calibration and evaluation read, with NaN as the one
// failure marker (so a failure is never confused with a prediction of 0).
import type { SimulationOutcome } from "@/lib/simulate";

export interface RawPredictionColumn {
  /** One raw 0–9 prediction per context, NaN where the simulation failed. */
  readonly rawPredictions: Float64Array;
  readonly failedCount: number;
}

export function rawPredictionsFromOutcomes(outcomes: readonly SimulationOutcome[]): RawPredictionColumn {
  const rawPredictions = Float64Array.from(outcomes, (o) => (o.ok ? o.prediction : Number.NaN));
  return { rawPredictions, failedCount: outcomes.filter((o) => !o.ok).length };
}
