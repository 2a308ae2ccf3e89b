import { describe, expect, it } from "vitest";
import { summarizeCeIncrease } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { summarizeCeIncreaseOverDraws } from "./draw-pooled-summary";

const clean = [3, 2.5, 4, 3, 3, 2, 5, 1];
const patched = [3.5, 2, 4.25, 3, 5, 2.5, 6, 1.25];

describe("summarizeCeIncreaseOverDraws", () => {
  it("with one draw is exactly summarizeCeIncrease (same resamples from the same seed)", () => {
    const options = { resamples: 300 };
    expect(summarizeCeIncreaseOverDraws([patched], clean, createSeededRng(5), options)).toEqual(
      summarizeCeIncrease(patched, clean, createSeededRng(5), options),
    );
  });

  it("with a draw repeated gives the single draw's numbers: a prompt's draws move together", () => {
    // Pooling two copies doubles every value: the mean and the type-7 median are unchanged, for the full sample
    // and for every prompt resample (a naive pooled bootstrap would instead narrow the CI).
    const options = { resamples: 300 };
    expect(summarizeCeIncreaseOverDraws([patched, patched], clean, createSeededRng(5), options)).toEqual(
      summarizeCeIncrease(patched, clean, createSeededRng(5), options),
    );
  });

  it("pools the draws' increases for the estimates", () => {
    // draw A increases [1, 1, 1], draw B [0, 2, 4] → pooled [1, 1, 1, 0, 2, 4]: mean 9/6 = 1.5; |·| sorted
    // 0 1 1 1 2 4 → median (1 + 1) / 2 = 1
    const summary = summarizeCeIncreaseOverDraws([[1, 1, 1], [0, 2, 4]], [0, 0, 0], createSeededRng(1), { resamples: 100 });
    expect(summary.meanIncreaseNats.estimate).toBe(1.5);
    expect(summary.medianAbsoluteDifferenceNats.estimate).toBe(1);
    expect(summary.promptCount).toBe(3);
  });

  it("rejects an empty list of draws", () => {
    expect(() => summarizeCeIncreaseOverDraws([], clean, createSeededRng(1))).toThrow(/no draws to summarise/);
  });
});
