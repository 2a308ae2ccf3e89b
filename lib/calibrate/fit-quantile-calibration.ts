// Fits §2.1's quantile normalizer for every latent from the simulator's raw predictions on a calibration sample
// of contexts, against either target distribution: (a) the large activation cache, (b) the true activations on
// those same contexts (App. B).
import { fitQuantileNormalizer, type QuantileEstimator, type TieRule } from "@/lib/core/quantile-normalizer";
import { zeroInflatedSample, type ZeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import type { LatentQuantileNormalizer, QuantileCalibrationSet } from "./calibration-set";

export type CalibrationTarget =
  /** (a) Each latent's activations over the cache's tokens (10M in the paper), zeros as a count. */
  | { readonly kind: "cache"; readonly sampleOfLatent: (latent: number) => ZeroInflatedSample }
  /** (b) [contexts × latents] activations after TopK on the calibration contexts, rows paired with the predictions. */
  | { readonly kind: "prompts"; readonly activationsAfterTopK: ArrayLike<number> };

export interface QuantileCalibrationOptions {
  readonly estimator?: QuantileEstimator;
  /** How a block of tied raw predictions is mapped (default conditional-mean). */
  readonly tieRule?: TieRule;
  /** Fit on these context rows only (the sample-size study's subsamples); default all rows. */
  readonly contextRows?: ArrayLike<number>;
}

/**
 * `rawPredictions` is row-major [contexts × latents] of 0–9 expected values, NaN where the simulation failed.
 * Failed predictions are left out of that latent's fit and counted; target (b) keeps every context, because the
 * true activations are known whether or not the simulator answered.
 */
export function fitQuantileCalibration(
  rawPredictions: ArrayLike<number>,
  numLatents: number,
  target: CalibrationTarget,
  options: QuantileCalibrationOptions = {},
): QuantileCalibrationSet {
  if (!Number.isInteger(numLatents) || numLatents < 1) throw new Error(`numLatents must be an integer ≥ 1, got ${numLatents}`);
  if (rawPredictions.length === 0 || rawPredictions.length % numLatents !== 0) {
    throw new Error(`${rawPredictions.length} raw predictions do not form rows of ${numLatents} latents; expected [contexts × latents]`);
  }
  const totalRows = rawPredictions.length / numLatents;
  if (target.kind === "prompts" && target.activationsAfterTopK.length !== rawPredictions.length) {
    throw new Error(
      `target (b) has ${target.activationsAfterTopK.length} activations but there are ${rawPredictions.length} raw predictions; pass the true activations of the same contexts`,
    );
  }
  const rows = options.contextRows ?? Uint32Array.from({ length: totalRows }, (_, r) => r);
  if (rows.length === 0) throw new Error("contextRows is empty; fit on at least one context");
  for (let i = 0; i < rows.length; i++) {
    if (!Number.isInteger(rows[i]) || rows[i] < 0 || rows[i] >= totalRows) {
      throw new Error(`contextRows[${i}] = ${rows[i]} is outside the ${totalRows} calibration contexts`);
    }
  }
  const estimator = options.estimator ?? "empirical";
  const tieRule = options.tieRule ?? "conditional-mean";
  const latents: LatentQuantileNormalizer[] = [];
  const predictions: number[] = [];
  const trueValues = new Float64Array(rows.length);
  for (let latent = 0; latent < numLatents; latent++) {
    predictions.length = 0;
    for (let i = 0; i < rows.length; i++) {
      const raw = rawPredictions[rows[i] * numLatents + latent];
      if (!Number.isNaN(raw)) predictions.push(raw);
    }
    const failedPredictionCount = rows.length - predictions.length;
    if (predictions.length === 0) {
      latents.push({ failedPredictionCount, normalizer: null });
      continue;
    }
    let sample: ZeroInflatedSample;
    if (target.kind === "cache") {
      sample = target.sampleOfLatent(latent);
    } else {
      for (let i = 0; i < rows.length; i++) trueValues[i] = target.activationsAfterTopK[rows[i] * numLatents + latent];
      sample = zeroInflatedSample(rows.length, trueValues.filter((v) => v !== 0));
    }
    latents.push({ failedPredictionCount, normalizer: fitQuantileNormalizer(predictions, sample, estimator, tieRule) });
  }
  return { mode: "calibrated-quantile", target: target.kind, estimator, tieRule, contextCount: rows.length, latents };
}
