import { describe, expect, it } from "vitest";
import reference from "./fixtures/histogram.json";
import { latentSummaryStats } from "./latent-summary-stats";

describe("latentSummaryStats", () => {
  it("matches numpy on 80 firings among 1000 tokens", () => {
    const { latent } = reference;
    const s = latentSummaryStats(latent.tokenCount, latent.nonZero);
    expect(s.activeCount).toBe(latent.nonZero.length);
    expect(s.firingFrequency).toBeCloseTo(latent.firingFrequency, 15);
    expect(s.maxActivation).toBe(latent.maxActivation);
    expect(s.meanNonZero).toBeCloseTo(latent.meanNonZero, 12);
    expect(s.meanActivation).toBeCloseTo(latent.meanActivation, 12);
    latent.deciles.forEach((d, i) => expect(s.quantileBoundaries[i]).toBeCloseTo(d, 12));
  });

  it("computes the numbers by hand", () => {
    // 10 tokens, fires on 4: 1 2 3 6 → frequency 0.4, max 6, mean non-zero 12/4 = 3, mean 12/10 = 1.2;
    // quartile boundaries (type 7, h = 3p + 1): p = ¼ → h 1.75 → 1.75; ½ → 2.5 → 2.5; ¾ → 3.25 → 3 + 0.25·3 = 3.75
    const s = latentSummaryStats(10, [6, 1, 3, 2], 4);
    expect(s).toEqual({
      tokenCount: 10,
      activeCount: 4,
      firingFrequency: 0.4,
      maxActivation: 6,
      meanNonZero: 3,
      meanActivation: 1.2,
      quantileBoundaries: [1.75, 2.5, 3.75],
    });
  });

  it("describes a latent that never fired", () => {
    const s = latentSummaryStats(5, []);
    expect([s.activeCount, s.firingFrequency, s.maxActivation, s.meanActivation]).toEqual([0, 0, 0, 0]);
    expect(s.meanNonZero).toBeNaN();
    expect(s.quantileBoundaries).toEqual([]);
  });
});
