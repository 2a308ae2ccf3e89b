// §3.1: how well an explanation separates contexts where its latent is active from those where it is not:
// predictions before or after TopK against the transcoder's true (post-TopK) activity. Low specificity (~80%) is why uncalibrated predictions flood the model with false
// positives; calibration trades it for sensitivity.
import { classificationScores } from "./classification-scores";
import { checkInteger } from "./numeric-input";

export interface SensitivitySpecificity {
  /** Truly active contexts predicted active; NaN when the latent is never truly active. */
  readonly sensitivity: number;
  /** Truly inactive contexts predicted inactive; NaN when the latent is always truly active. */
  readonly specificity: number;
  readonly trulyActiveCount: number;
  readonly predictedActiveCount: number;
}


/** One latent over many contexts: predicted vs true activations, each already through TopK. */
export function sensitivitySpecificity(
  predictedActivations: ArrayLike<number>,
  trueActivations: ArrayLike<number>,
): SensitivitySpecificity {
  return sensitivitySpecificityByLatent(predictedActivations, trueActivations, 1)[0];
}

/**
 * Every latent at once, from row-major [context × latent] matrices (the layout of a batch of TopK outputs),
 * in one pass without copying columns. Returns one SensitivitySpecificity per latent.
 */
export function sensitivitySpecificityByLatent(
  predictedActivations: ArrayLike<number>,
  trueActivations: ArrayLike<number>,
  latentCount: number,
  /** A prediction counts as active above this (0: activations; raw 0–9 scores may use a higher bar). */
  predictedActiveAbove = 0,
): SensitivitySpecificity[] {
  checkInteger("latentCount", latentCount, 1);
  const total = trueActivations.length;
  if (predictedActivations.length !== total) {
    throw new Error(`predictedActivations has ${predictedActivations.length} values but trueActivations has ${total}; pair the same contexts`);
  }
  if (total % latentCount !== 0) {
    throw new Error(`${total} activations do not form rows of latentCount = ${latentCount}; expected [contexts × latents]`);
  }
  const tp = new Uint32Array(latentCount);
  const fp = new Uint32Array(latentCount);
  const fn = new Uint32Array(latentCount);
  const tn = new Uint32Array(latentCount);
  for (let i = 0; i < total; i++) {
    // A missing prediction (NaN: the simulation failed or never ran) is no evidence either way: left out.
    if (Number.isNaN(predictedActivations[i])) continue;
    const latent = i % latentCount;
    const predicted = predictedActivations[i] > predictedActiveAbove;
    const actual = trueActivations[i] > 0; // true post-TopK activations are ≥ 0; 0 = inactive
    if (predicted && actual) tp[latent]++;
    else if (predicted) fp[latent]++;
    else if (actual) fn[latent]++;
    else tn[latent]++;
  }
  return Array.from({ length: latentCount }, (_, latent) => {
    const counts = { truePositives: tp[latent], falsePositives: fp[latent], trueNegatives: tn[latent], falseNegatives: fn[latent] };
    const scores = classificationScores(counts);
    return {
      sensitivity: scores.recall,
      specificity: scores.specificity,
      trulyActiveCount: tp[latent] + fn[latent],
      predictedActiveCount: tp[latent] + fp[latent],
    };
  });
}
