// How sure a latent's simulation already is: the width of the 95% percentile bootstrap CI of Pearson r between
// predictions and true activations, over the contexts simulated so far. Early stopping ends a latent once it is
// narrower than asked (--stop-at-ci-width).
import { indexBootstrapCi } from "@/lib/core/index-bootstrap";
import { pearsonCorrelation } from "@/lib/core/correlation";
import { createSeededRng } from "@/lib/core/seeded-rng";

// Enough resamples for a width to within a few percent; this runs once per chunk of contexts.
const WIDTH_RESAMPLES = 200;

/** NaN when r is undefined on most resamples (say, no truly active context yet): not narrow, keep simulating. */
export function correlationCiWidth(predicted: ArrayLike<number>, truth: ArrayLike<number>, seed: number, resamples = WIDTH_RESAMPLES): number {
  const n = predicted.length;
  if (n < 3) return Number.NaN;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const ci = indexBootstrapCi(
    n,
    (indices) => {
      for (let i = 0; i < n; i++) {
        a[i] = predicted[indices[i]];
        b[i] = truth[indices[i]];
      }
      return pearsonCorrelation(a, b);
    },
    createSeededRng(seed),
    { resamples },
  );
  return ci.definedResamples * 2 >= resamples ? ci.upper - ci.lower : Number.NaN;
}
