import { describe, expect, it } from "vitest";
import { explorerContextPlan } from "./explorer-contexts";

describe("explorerContextPlan", () => {
  // A latent active on tokens 0, 10, …, 190 (20 tokens) with activation = token / 10 + 1, over 1000 tokens.
  const positions = Uint32Array.from({ length: 20 }, (_, i) => i * 10);
  const acts = { positions, values: Float32Array.from(positions, (p) => p / 10 + 1) };

  it("draws the same set for the same latent and seed, both kinds, no token twice", () => {
    const a = explorerContextPlan(acts, 1000, { active: 10, random: 50 }, 7);
    const b = explorerContextPlan(acts, 1000, { active: 10, random: 50 }, 7);
    expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
    expect(new Set(a.positions).size).toBe(a.positions.length);
    expect(a.uniform.reduce((s, u) => s + u, 0)).toBe(50);
    // Up to 10 active ones more (fewer only when a uniform draw already took that token).
    expect(a.positions.length).toBeGreaterThan(50);
    expect(a.positions.length).toBeLessThanOrEqual(60);
  });

  it("takes one active token from each of 10 quantile bins of 2 tokens", () => {
    // 20 active tokens sorted by activation form bins {0,10}, {20,30}, …; with no uniform draws, one from each.
    const plan = explorerContextPlan(acts, 1000, { active: 10, random: 0 }, 3);
    const bins = Array.from(plan.positions, (p) => Math.floor(p / 20)).sort((x, y) => x - y);
    expect(bins).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(plan.uniform)).toEqual(new Array(10).fill(0));
  });

  it("takes every active token when there are fewer than asked", () => {
    const plan = explorerContextPlan(acts, 1000, { active: 100, random: 0 }, 3);
    expect(Array.from(plan.positions).sort((x, y) => x - y)).toEqual(Array.from(positions));
  });
});
