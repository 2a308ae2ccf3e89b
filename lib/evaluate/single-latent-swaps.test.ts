import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { topK } from "@/lib/core/topk";
import { singleLatentSwaps, type SingleLatentSwaps } from "./single-latent-swaps";

/** Positive entries of a TopK row as "index:value" strings, in order. */
const active = (indices: ArrayLike<number>, values: ArrayLike<number>) =>
  Array.from(indices, (i, j) => `${i}:${values[j]}`).filter((_, j) => values[j] > 0);

const swapOf = (s: SingleLatentSwaps, p: number, l: number, k: number) => {
  const i = Array.from(s.prompt).findIndex((q, j) => q === p && s.latent[j] === l);
  return i < 0 ? null : active(s.indices.subarray(i * k, (i + 1) * k), s.values.subarray(i * k, (i + 1) * k));
};

describe("singleLatentSwaps", () => {
  it("finds the new TopK of a hand example, ties going to the lower index", () => {
    // One prompt, row [0, 3, 1, 2], k = 2: TopK {1: 3, 3: 2}, the next entry {2: 1}.
    const base = Float32Array.of(0, 3, 1, 2);
    const cases: [number, number, string[] | null][] = [
      [1, 0, ["3:2", "2:1"]], // an active latent set to 0 lets the third entry in
      [2, 2.5, ["1:3", "2:2.5"]], // enters, evicting latent 3
      [0, 2, ["1:3", "0:2"]], // ties latent 3 and wins on the lower index
      [2, 2, ["1:3", "2:2"]], // the same tie, index 2 < 3
      [2, 0.5, null], // stays out: no change
      [3, 5, ["3:5", "1:3"]], // an active latent moves up
    ];
    for (const [latent, value, expected] of cases) {
      const swapped = base.slice();
      swapped[latent] = value;
      expect(swapOf(singleLatentSwaps(base, swapped, 4, 2), 0, latent, 2)).toEqual(expected);
    }
  });

  it("agrees with a full TopK for every (prompt, latent) of random rows with ties", () => {
    const rng = createSeededRng(11);
    const [P, L, k] = [7, 12, 3];
    const level = () => [0, 0, 0, 1, 2, 3][rng.integerBelow(6)];
    const base = Float32Array.from({ length: P * L }, level);
    const swapped = Float32Array.from({ length: P * L }, level);
    const swaps = singleLatentSwaps(base, swapped, L, k);
    let changed = 0;
    for (let p = 0; p < P; p++) {
      const row = base.subarray(p * L, (p + 1) * L);
      const before = topK(row, k);
      for (let l = 0; l < L; l++) {
        const edited = row.slice();
        edited[l] = swapped[p * L + l];
        const after = topK(edited, k);
        const expected = active(after.indices, after.values);
        const same = expected.join() === active(before.indices, before.values).join();
        expect(swapOf(swaps, p, l, k)).toEqual(same ? null : expected);
        if (!same) changed++;
      }
    }
    expect(swaps.prompt.length).toBe(changed);
    expect(changed).toBeGreaterThan(10);
  });

  it("names mismatched shapes and a k that leaves no latent out", () => {
    expect(() => singleLatentSwaps(new Float32Array(4), new Float32Array(3), 2, 1)).toThrow(/must both be \[prompts × 2 latents\]/);
    expect(() => singleLatentSwaps(new Float32Array(4), new Float32Array(4), 2, 2)).toThrow(/k must be an integer in \[1, 1\]/);
  });
});
