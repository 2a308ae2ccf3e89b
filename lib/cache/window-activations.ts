// One latent's activations over a span of cached tokens, read from its ascending non-zero positions, and the
// example window (token texts + activations) the explainer and the scorers are shown.
import type { ActivationCache, LatentActivations } from "./activation-cache";
import { windowStartToken, type WindowShape } from "./activation-windows";
import type { TokenText } from "./token-display";

/** First index with positions[i] ≥ target. */
function lowerBound(positions: Uint32Array, target: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Activations of tokens [startToken, startToken + length), zeros where the latent is silent. */
export function activationsInSpan(acts: LatentActivations, startToken: number, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = lowerBound(acts.positions, startToken); i < acts.positions.length && acts.positions[i] < startToken + length; i++) {
    out[acts.positions[i] - startToken] = acts.values[i];
  }
  return out;
}

export interface WindowExample {
  tokens: string[];
  activations: Float32Array;
}

/** The tokens of one global example window as text, with the latent's activation at each. */
export function windowExample(cache: ActivationCache, acts: LatentActivations, window: number, shape: WindowShape, tokenText: TokenText): WindowExample {
  const start = windowStartToken(window, shape);
  const ids = cache.readTokens(start, shape.windowLength);
  return { tokens: Array.from(ids, (id) => tokenText(id)), activations: activationsInSpan(acts, start, shape.windowLength) };
}
