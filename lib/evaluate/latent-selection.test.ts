import { describe, expect, it } from "vitest";
import { chosenLatentCount, randomOrder, topScoringOrder } from "./latent-selection";

describe("topScoringOrder", () => {
  it("ranks by descending score, unscored latents last, ties by index", () => {
    const scores = [0.6, Number.NaN, 0.9, 0.6, Number.NaN, 0.75, 0.6];
    // 0.9 (2), 0.75 (5), then the 0.6 tie in index order (0, 3, 6), then NaN in index order (1, 4)
    expect(Array.from(topScoringOrder(scores))).toEqual([2, 5, 0, 3, 6, 1, 4]);
  });

  it("keeps index order when no latent has a score", () => {
    expect(Array.from(topScoringOrder([Number.NaN, Number.NaN, Number.NaN]))).toEqual([0, 1, 2]);
  });
});

describe("randomOrder", () => {
  it("is a permutation, reproducible from its seed and different for another seed", () => {
    const a = randomOrder(50, 123);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(randomOrder(50, 123)).toEqual(a);
    const b = randomOrder(50, 124);
    expect(b).not.toEqual(a);
    // the first 10 (fraction 0.2) differ as sets too, so two draws rewrite different latents
    expect(new Set(a.subarray(0, 10))).not.toEqual(new Set(b.subarray(0, 10)));
  });
});

describe("chosenLatentCount", () => {
  it("rounds fraction · L", () => {
    // 0.3 · 10 = 3.0000000000000004 → 3; 0.25 · 6 = 1.5 → 2; 0.1 · 32768 = 3276.8 → 3277
    expect([chosenLatentCount(0.3, 10), chosenLatentCount(0.25, 6), chosenLatentCount(0.1, 32768)]).toEqual([3, 2, 3277]);
    expect([chosenLatentCount(0, 6), chosenLatentCount(1, 6)]).toEqual([0, 6]);
    expect(() => chosenLatentCount(1.1, 6)).toThrow(/fraction must lie in \[0, 1\], got 1.1/);
  });
});
