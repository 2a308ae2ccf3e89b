import { describe, expect, it } from "vitest";
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

  it("accumulates blocks of context rows to the same r as one pass over all of them", () => {
    // The first example's rows added as (context 0), (contexts 1–3): r = 1 for latent 0, firing 2/4.
    const stats = new LatentSimulationStatsAccumulator(2);
    stats.add([0, 5], [0, 0]);
    stats.add([1, 3, 2, 1, Number.NaN, 0], [2, 0, 4, 0, 0, 0]);
    const result = stats.finish();
    expect(Array.from(result.firingFrequency)).toEqual([0.5, 0]);
    expect(result.correlation[0]).toBeCloseTo(1, 12);
  });

  it("names mismatched shapes", () => {
    expect(() => latentSimulationStats([1, 2, 3], [1, 2], 1)).toThrow(/must both be \[contexts × 1 latents\]/);
  });
});
