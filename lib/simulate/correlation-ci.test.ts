import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { correlationCiWidth } from "./correlation-ci";

/** n pairs of a standard bivariate normal with correlation rho (Box–Muller). */
function bivariateNormal(n: number, rho: number, seed: number): [Float64Array, Float64Array] {
  const rng = createSeededRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.uniform()));
    const t = 2 * Math.PI * rng.uniform();
    const [u, v] = [r * Math.cos(t), r * Math.sin(t)];
    x[i] = u;
    y[i] = rho * u + Math.sqrt(1 - rho * rho) * v;
  }
  return [x, y];
}

describe("correlationCiWidth", () => {
  it("matches the normal theory width 2 · 1.96 · (1 − ρ²) / √n for a large sample", () => {
    const [x, y] = bivariateNormal(2_000, 0.5, 11);
    const theory = (2 * 1.96 * (1 - 0.25)) / Math.sqrt(2_000); // 0.0657
    expect(correlationCiWidth(x, y, 1, 1_000)).toBeGreaterThan(0.8 * theory);
    expect(correlationCiWidth(x, y, 1, 1_000)).toBeLessThan(1.2 * theory);
  });

  it("is 0 for an exact linear relation and NaN when r is undefined", () => {
    expect(correlationCiWidth([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 11], 3)).toBeCloseTo(0, 12);
    expect(correlationCiWidth([1, 2, 3, 4], [0, 0, 0, 0], 3)).toBeNaN(); // no active context: constant truth
    expect(correlationCiWidth([1, 2], [1, 2], 3)).toBeNaN();
  });
});
