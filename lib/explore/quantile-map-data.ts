// The quantile map chart's data (§2.1): the fitted normalizer's knots (raw prediction → calibrated activation)
// and how many simulated contexts landed on each raw prediction, with where the map sent them.
import { calibratePrediction, quantileMapPoints, type QuantileNormalizer } from "@/lib/core/quantile-normalizer";

export interface QuantileMapData {
  /** The map's knots, ascending in raw prediction; a piecewise-linear map runs through them. */
  /** cdfPosition: absent in maps stored before it was kept. */
  readonly knots: { readonly rawPrediction: number; readonly cdfPosition?: number; readonly calibratedActivation: number }[];
  /** Each distinct raw prediction among the simulated contexts, with its calibrated value and context count. */
  readonly observed: { readonly rawPrediction: number; readonly calibratedActivation: number; readonly count: number }[];
  /** Raw predictions the map was fitted on (failures left out). */
  readonly fittedPredictionCount: number;
  /** Fraction of the target (true) distribution at exactly 0: the prior that the latent is inactive. */
  readonly trueZeroFraction: number;
  /** Fraction of the fitted raw predictions the map sends to 0. */
  readonly predictionZeroFraction: number;
  /** How tied raw predictions were calibrated; absent in maps stored before tie rules (they used mid-rank). */
  readonly tieRule?: string;
  /** Why every fitted prediction calibrates to 0 although the latent fires, or null when some survive. */
  readonly erasure?: string | null;
}

/** The latent page's warning: calibration sends every prediction to 0 (the latent is erased from the rewrite). */
export function calibrationErasure(normalizer: Pick<QuantileNormalizer, "predictionZeroFraction" | "trueZeroFraction" | "predictionCount"> & { tieRule?: string }): string | null {
  if (normalizer.predictionZeroFraction < 1 || normalizer.trueZeroFraction >= 1) return null;
  const activeShare = 1 - normalizer.trueZeroFraction;
  const pct = (x: number) => `${(100 * x).toPrecision(2)}%`;
  const rule = normalizer.tieRule ?? "mid-rank";
  return (
    `Calibration sends every prediction to 0: the latent fires on only ${pct(activeShare)} of tokens, and no block of the ` +
    `${normalizer.predictionCount} fitted raw predictions reaches that top ${pct(activeShare)} of the target distribution under the ` +
    `${rule} tie rule. The rewrite cannot activate this latent; its calibrated sensitivity and rewrite impact read 0 for that reason, ` +
    "not because the explanation is right. Conditional-mean ties, more calibration contexts, or an explanation whose predictions spread out avoid this."
  );
}

/** null normalizer: nothing could be fitted (every prediction failed), so there is no map to draw. */
export function quantileMapData(normalizer: QuantileNormalizer | null, rawPredictions: ArrayLike<number>): QuantileMapData | null {
  if (normalizer === null) return null;
  const counts = new Map<number, number>();
  for (let i = 0; i < rawPredictions.length; i++) {
    const raw = rawPredictions[i];
    if (!Number.isNaN(raw)) counts.set(raw, (counts.get(raw) ?? 0) + 1);
  }
  const observed = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rawPrediction, count]) => ({ rawPrediction, calibratedActivation: calibratePrediction(normalizer, rawPrediction), count }));
  return {
    knots: quantileMapPoints(normalizer),
    observed,
    fittedPredictionCount: normalizer.predictionCount,
    trueZeroFraction: normalizer.trueZeroFraction,
    predictionZeroFraction: normalizer.predictionZeroFraction,
    tieRule: normalizer.tieRule ?? "mid-rank",
    erasure: calibrationErasure(normalizer),
  };
}

/** The map as a polyline over the whole raw scale [0, maxRaw]: flat outside the knots, as calibratePrediction clamps. */
export function quantileMapLine(map: QuantileMapData, maxRaw: number): [rawPrediction: number, calibratedActivation: number][] {
  const knots = map.knots.map((k): [number, number] => [k.rawPrediction, k.calibratedActivation]);
  if (knots.length === 0) return [];
  const first = knots[0];
  const last = knots[knots.length - 1];
  return [[Math.min(0, first[0]), first[1]], ...knots, [Math.max(maxRaw, last[0]), last[1]]];
}
