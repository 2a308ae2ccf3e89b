// §3.1 made measurable: the rewrite's loss split by kind of simulation error. Each variant repairs one kind of
// error with the truth and keeps the simulator's answer for the rest; the gap between two variants' CE is what
// that kind of error costs. Values are those a rewritten latent takes before the rewrite's TopK.
import { median } from "@/lib/core/bootstrap-ci";

export const DECOMPOSITION_VARIANTS = ["simulated", "perfect-specificity", "perfect-recall", "true-active-set", "true-magnitudes", "true"] as const;

export type DecompositionVariant = (typeof DECOMPOSITION_VARIANTS)[number];

export const DECOMPOSITION_LABELS: Record<DecompositionVariant, string> = {
  simulated: "simulated (calibrated)",
  "perfect-specificity": "perfect specificity: simulated values only where truly active",
  "perfect-recall": "perfect recall: simulated values + every missed true latent",
  "true-active-set": "true active set, simulated magnitudes",
  "true-magnitudes": "simulated active set, true magnitudes",
  true: "true activations (the transcoder alone)",
};

/**
 * The value of one rewritten latent at one prompt under a variant.
 * s: its calibrated simulation (0 = predicted inactive); t: the transcoder's own TopK output (0 = not truly active);
 * m: its typical simulated magnitude, what a latent the simulator missed gets where a variant adds it back.
 */
export function variantValue(variant: DecompositionVariant, s: number, t: number, m: number): number {
  const simulatedMagnitude = s > 0 ? s : m;
  switch (variant) {
    case "simulated":
      return s;
    case "perfect-specificity":
      return t > 0 ? s : 0;
    case "perfect-recall":
      return s > 0 ? s : t > 0 ? m : 0;
    case "true-active-set":
      return t > 0 ? simulatedMagnitude : 0;
    case "true-magnitudes":
      return s > 0 && t > 0 ? t : s;
    case "true":
      return t;
  }
}

/** How a missed latent's "simulated magnitude" is chosen, in words for the page and the CLI. */
export const MISSED_MAGNITUDE_RULE =
  "a truly active latent the simulator predicted 0 gets its typical simulated magnitude: the median of its non-zero calibrated " +
  "predictions over every simulated context (calibration contexts and prompts); a latent never predicted active gets the median " +
  "of its non-zero true activations there instead";

/** Non-zero calibrated and true values per latent, a block of context rows at a time: medians need every one. */
export class TypicalMagnitudeAccumulator {
  private readonly simulated: number[][];
  private readonly truth: number[][];

  constructor(private readonly numLatents: number) {
    this.simulated = Array.from({ length: numLatents }, () => []);
    this.truth = Array.from({ length: numLatents }, () => []);
  }

  /** `calibrated` and `truth` are [rows·L] over the same rows; NaN in `calibrated` (a missing prediction) is skipped. */
  add(calibrated: ArrayLike<number>, truth: ArrayLike<number>): void {
    const L = this.numLatents;
    if (calibrated.length !== truth.length || calibrated.length % L !== 0) {
      throw new Error(`calibrated (${calibrated.length}) and truth (${truth.length}) must both be [contexts × ${L} latents]`);
    }
    for (let i = 0; i < calibrated.length; i++) {
      if (calibrated[i] > 0) this.simulated[i % L].push(calibrated[i]);
      if (truth[i] > 0) this.truth[i % L].push(truth[i]);
    }
  }

  /** Per latent (MISSED_MAGNITUDE_RULE); 0 for a latent never active in either. */
  finish(): Float32Array {
    const medianOf = (values: number[]) => (values.length > 0 ? median(Float64Array.from(values)) : 0);
    return Float32Array.from(this.simulated, (values, l) => {
      const m = medianOf(values);
      return m > 0 ? m : medianOf(this.truth[l]);
    });
  }
}

/**
 * Per latent, its typical simulated magnitude (MISSED_MAGNITUDE_RULE). `calibrated` and `truth` are [N·L] over the
 * same N contexts; NaN in `calibrated` (a missing prediction) is skipped. 0 for a latent never active in either.
 */
export function typicalSimulatedMagnitudes(calibrated: ArrayLike<number>, truth: ArrayLike<number>, numLatents: number): Float32Array {
  const magnitudes = new TypicalMagnitudeAccumulator(numLatents);
  magnitudes.add(calibrated, truth);
  return magnitudes.finish();
}
