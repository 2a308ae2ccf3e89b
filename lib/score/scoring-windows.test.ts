import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { scoringWindows } from "./scoring-windows";

// 10 contexts of 64 tokens = 20 windows of 32; the latent fires in windows 0, 3, 5, 6, 9, 12 with maxima 1…6.
const shape = { contextLength: 64, windowLength: 32 };
const fired = [0, 3, 5, 6, 9, 12];
const acts = {
  positions: Uint32Array.from(fired.flatMap((w, i) => [w * 32 + 1, w * 32 + 2 + (i % 3)])),
  values: Float32Array.from(fired.flatMap((_, i) => [0.5, i + 1])),
};

describe("scoringWindows", () => {
  it("draws activating windows by quantile bin apart from the excluded ones, and silent windows only", () => {
    const exclude = new Set([12]);
    const picked = scoringWindows(acts, shape, { activating: 4, nonActivating: 5, totalWindows: 20, exclude, quantileBins: 2 }, createSeededRng(3));
    // Eligible maxima 1…5 (window 12 excluded); bin b holds ranks [⌊5b/2⌋, ⌊5(b+1)/2⌋): bin 0 = windows {0, 3},
    // bin 1 = {5, 6, 9}; 2 drawn from each.
    expect(picked.activating).toHaveLength(4);
    for (const { window, quantile } of picked.activating) expect(quantile === 0 ? [0, 3] : [5, 6, 9]).toContain(window);
    expect(picked.activating.filter((a) => a.quantile === 0).map((a) => a.window)).toEqual([0, 3]);
    expect(picked.nonActivating).toHaveLength(5);
    expect(new Set(picked.nonActivating).size).toBe(5);
    for (const w of picked.nonActivating) {
      expect(fired).not.toContain(w);
      expect(w).toBeLessThan(20);
    }
  });

  it("takes every silent window when there are fewer than asked, and is reproducible from the seed", () => {
    const many = scoringWindows(acts, shape, { activating: 100, nonActivating: 100, totalWindows: 20 }, createSeededRng(4));
    expect(many.nonActivating).toEqual([1, 2, 4, 7, 8, 10, 11, 13, 14, 15, 16, 17, 18, 19]);
    expect(many.activating.map((a) => a.window).sort((a, b) => a - b)).toEqual(fired);
    const again = scoringWindows(acts, shape, { activating: 3, nonActivating: 3, totalWindows: 1000 }, createSeededRng(5));
    expect(scoringWindows(acts, shape, { activating: 3, nonActivating: 3, totalWindows: 1000 }, createSeededRng(5))).toEqual(again);
  });
});
