// §2.2 "Partial rewriting": which latents take simulated values. Each method yields one order of all latents;
// fraction f rewrites its first round(f·L), so the chosen sets are nested as f grows.
import { createSeededRng, shuffleInPlace } from "@/lib/core/seeded-rng";

/** Top by detection score, top by fuzzing score (Fig. A4's score), or uniformly at random. */
export type SelectionMethod = "top-detection" | "top-fuzzing" | "random";

/** Latents by descending score; unscored latents (NaN) last; equal scores by index. */
export function topScoringOrder(scores: ArrayLike<number>): Int32Array {
  const score = (i: number) => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    if (sa !== sb) return sb - sa;
    return a - b;
  });
}

/** A uniformly random order of the latents from a seeded shuffle. */
export function randomOrder(numLatents: number, seed: number): Int32Array {
  return shuffleInPlace(createSeededRng(seed), Int32Array.from({ length: numLatents }, (_, i) => i));
}

/** How many latents fraction f rewrites. */
export function chosenLatentCount(fraction: number, numLatents: number): number {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`fraction must lie in [0, 1], got ${fraction}`);
  return Math.round(fraction * numLatents);
}
