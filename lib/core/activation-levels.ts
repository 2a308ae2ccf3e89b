// The integer 0–10 "activation level" that explainer and simulator prompts show for a token. Two ecosystem
// conventions differ on rounding, and a token's level can differ by one between them.

/**
 * delphi (EleutherAI, delphi/latents/samplers.py, the pipeline of §2): ceil(10·a / max) clamped to [0, 10], so
 * any positive activation shows as at least 1. (Older delphi versions used floor.) Throws unless max > 0.
 */
export function delphiActivationLevel(activation: number, maxActivation: number): number {
  if (Number.isNaN(activation)) throw new Error("activation is NaN");
  if (!(maxActivation > 0 && Number.isFinite(maxActivation))) {
    throw new Error(`maxActivation must be a finite number > 0, got ${maxActivation}`);
  }
  return Math.min(10, Math.max(0, Math.ceil((10 * activation) / maxActivation)));
}

/**
 * OpenAI neuron-explainer (Bills et al. 2023, normalize_activations): min(10, floor(10·relu(a) / max)), so an
 * activation below a tenth of the max shows as 0; every level is 0 when max ≤ 0, as there.
 */
export function neuronExplainerActivationLevel(activation: number, maxActivation: number): number {
  if (Number.isNaN(activation) || Number.isNaN(maxActivation)) {
    throw new Error(`activation and maxActivation must be numbers, got ${activation} and ${maxActivation}`);
  }
  if (maxActivation <= 0) return 0;
  return Math.min(10, Math.floor((10 * Math.max(0, activation)) / maxActivation));
}
