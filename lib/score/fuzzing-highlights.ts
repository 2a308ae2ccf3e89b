import { type SeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import { DELPHI_HIGHLIGHT_FRACTION, markAboveFractionOfMax } from "@/lib/llm";
import type { ScoringExample } from "./scoring-example";

// Fuzzing (delphi): activating examples keep their true highlights; non-activating ones get as many random
// highlights, so the count of marks gives nothing away.

export function correctHighlights(activations: ArrayLike<number>): boolean[] {
  return markAboveFractionOfMax(activations, DELPHI_HIGHLIGHT_FRACTION);
}

/** Mean number of highlighted tokens over the activating examples, rounded, at least 1. */
export function fuzzingHighlightCount(examples: readonly ScoringExample[]): number {
  const counts = examples.filter((e) => e.activating).map((e) => correctHighlights(e.activations).filter(Boolean).length);
  if (counts.length === 0) return 1;
  return Math.max(1, Math.round(counts.reduce((a, b) => a + b, 0) / counts.length));
}

/** `count` distinct positions out of `length`, uniformly at random (all of them if the example is shorter). */
export function randomHighlights(length: number, count: number, rng: SeededRng): boolean[] {
  const mask = new Array<boolean>(length).fill(false);
  for (const position of sampleWithoutReplacement(rng, length, Math.min(count, length))) mask[position] = true;
  return mask;
}
