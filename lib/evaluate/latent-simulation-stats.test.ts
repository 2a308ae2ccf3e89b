import { describe, expect, it } from "vitest";
import { pearsonCorrelation } from "@/lib/core/correlation";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { LatentSimulationStatsAccumulator, latentSimulationStats } from "./latent-simulation-stats";

describe("latentSimulationStats", () => {
  it("counts firing contexts and correlates raw predictions with the truth, skipping missing ones", () => {
    // 4 contexts × 2 latents. Latent 0: truth (0, 2, 4, 0), raw (0, 1, 2, NaN) → fires 2/4; r over the first three
    // = 1 (raw = truth / 2). Latent 1: truth all 0 → fires 0/4, r undefined (constant truth).
    const raw = [0, 5, 1, 3, 2, 1, Number.NaN, 0];
    const truth = [0, 0, 2, 0, 4, 0, 0, 0];
    const stats = latentSimulationStats(raw, truth, 2);
    expect(Array.from(stats.firingFrequency)).toEqual([0.5, 0]);
    expect(stats.correlation[0]).toBeCloseTo(1, 12);
    expect(stats.correlation[1]).toBeNaN();
  });

  it("gives r = −1 for predictions that fall as the truth rises", () => {
    // truth (0, 1, 2), raw (6, 4, 2): a perfect negative line.
    expect(latentSimulationStats([6, 4, 2], [0, 1, 2], 1).correlation[0]).toBeCloseTo(-1, 12);
  });

  it("accumulates blocks of context rows to exactly pearsonCorrelation's r (same sums, same order)", () => {
    const rng = createSeededRng(3);
    const raw = Array.from({ length: 40 }, () => (rng.uniform() < 0.1 ? Number.NaN : Math.floor(10 * rng.uniform())));
    const truth = Array.from({ length: 40 }, () => (rng.uniform() < 0.7 ? 0 : 5 * rng.uniform()));
    const stats = new LatentSimulationStatsAccumulator(2);
    for (const pass of ["add", "addDeviations"] as const) {
      stats[pass](raw.slice(0, 10), truth.slice(0, 10));
      stats[pass](raw.slice(10), truth.slice(10));
    }
    const result = stats.finish();
    for (const l of [0, 1]) {
      const kept = Array.from({ length: 20 }, (_, c) => 2 * c + l).filter((i) => !Number.isNaN(raw[i]));
      expect(result.correlation[l]).toBe(pearsonCorrelation(kept.map((i) => raw[i]), kept.map((i) => truth[i])));
    }
  });

  it("names mismatched shapes", () => {
    expect(() => latentSimulationStats([1, 2, 3], [1, 2], 1)).toThrow(/must both be \[contexts × 1 latents\]/);
  });
});
