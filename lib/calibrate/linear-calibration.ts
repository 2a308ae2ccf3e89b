// The uncalibrated baseline's per-latent parameter: the paper code mapped 0..9 linearly onto 0..max activation.
import type { ZeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import type { LinearCalibrationSet } from "./calibration-set";

/** Appendix A: the simulator answers an integer from 0 to 9. */
const SIMULATOR_SCALE_TOP = 9;

/** From each latent's cache sample: its largest activation (0 for a latent that never fired). */
export function fitLinearCalibration(samples: readonly ZeroInflatedSample[]): LinearCalibrationSet {
  const maxActivationByLatent = Float64Array.from(samples, (s) => Math.max(0, s.sortedNonZero.at(-1) ?? 0));
  return { mode: "uncalibrated-linear", maxRawPrediction: SIMULATOR_SCALE_TOP, maxActivationByLatent };
}
