// Agreement between simulated and true activations, as OpenAI's neuron-explainer scores simulations
// (Bills et al. 2023, which the delphi pipeline of §2 builds on).
import { checkPairedSamples } from "./numeric-input";

/** Pearson correlation (two-pass, for stability); NaN when either side is constant (zero variance). */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = checkPairedSamples("x", x, "y", y);
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * neuron-explainer's rsquared_score_from_sequences: 1 − mean((t − p)²) / mean(t²). Note the denominator is the
 * raw second moment, not the variance: predicting all zeros scores 0. NaN when every true value is 0.
 */
export function rSquaredNeuronExplainer(trueActivations: ArrayLike<number>, predictedActivations: ArrayLike<number>): number {
  const n = checkPairedSamples("trueActivations", trueActivations, "predictedActivations", predictedActivations);
  let squaredError = 0;
  let squaredTrue = 0;
  for (let i = 0; i < n; i++) {
    squaredError += (trueActivations[i] - predictedActivations[i]) ** 2;
    squaredTrue += trueActivations[i] ** 2;
  }
  return squaredTrue === 0 ? Number.NaN : 1 - squaredError / squaredTrue;
}
