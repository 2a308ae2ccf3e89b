// The output side of a latent (Neuronpedia's "top positive / negative logits"): the tokens its decoder direction
// promotes and suppresses most through the direct path decoder row → final layer norm → unembedding.

export interface TokenLogit {
  token: number;
  logit: number;
}

export interface DirectLogitTokens {
  /** Largest logits first. */
  promoted: TokenLogit[];
  /** Most negative logits first. */
  suppressed: TokenLogit[];
}

/**
 * Logit of every vocabulary token per unit of the latent: unembed · (lnWeight ⊙ direction). The final layer norm is
 * treated as linear (its weight only; centring, variance and bias ignored), as is standard for direct logit attribution.
 * `unembed` is row-major [vocab, d] (GPT-NeoX `embed_out.weight`).
 */
export function directLogits(direction: ArrayLike<number>, lnWeight: ArrayLike<number>, unembed: ArrayLike<number>): Float64Array {
  const d = direction.length;
  if (lnWeight.length !== d) throw new Error(`the layer norm weight has ${lnWeight.length} values but the decoder row has ${d}`);
  if (d === 0 || unembed.length % d !== 0) throw new Error(`the unembedding's ${unembed.length} values are not whole rows of ${d}`);
  const scaled = new Float64Array(d);
  for (let c = 0; c < d; c++) scaled[c] = direction[c] * lnWeight[c];
  const vocab = unembed.length / d;
  const logits = new Float64Array(vocab);
  for (let t = 0; t < vocab; t++) {
    let sum = 0;
    for (let c = 0, base = t * d; c < d; c++) sum += unembed[base + c] * scaled[c];
    logits[t] = sum;
  }
  return logits;
}

/** The `count` largest and `count` smallest values with their indices; ties go to the lower token id. */
export function extremeTokens(logits: ArrayLike<number>, count: number): DirectLogitTokens {
  const order = Array.from({ length: logits.length }, (_, i) => i);
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  const n = Math.min(count, order.length);
  const promoted = order.slice(0, n).map((token) => ({ token, logit: logits[token] }));
  const ascending = Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[a] - logits[b] || a - b);
  const suppressed = ascending.slice(0, n).map((token) => ({ token, logit: logits[token] }));
  return { promoted, suppressed };
}

/** One latent's promoted and suppressed tokens: `extremeTokens(directLogits(…), count)`. */
export function directLogitTokens(direction: ArrayLike<number>, lnWeight: ArrayLike<number>, unembed: ArrayLike<number>, count: number): DirectLogitTokens {
  return extremeTokens(directLogits(direction, lnWeight, unembed), count);
}
