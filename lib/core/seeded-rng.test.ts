import { describe, expect, it } from "vitest";
import reference from "./fixtures/seeded-rng.json";
import { createSeededRng, sampleWithoutReplacement, shuffleInPlace } from "./seeded-rng";

describe("createSeededRng (xoshiro128** seeded by SplitMix64)", () => {
  it("reproduces the reference C algorithm's outputs (Python port, training/core_reference_fixtures.py)", () => {
    for (const { seed, uint32 } of reference.cases) {
      const rng = createSeededRng(seed);
      expect(Array.from({ length: uint32.length }, () => rng.nextUint32())).toEqual(uint32);
    }
  });

  it("is deterministic per seed and differs across seeds", () => {
    const a = createSeededRng(7);
    const b = createSeededRng(7);
    const c = createSeededRng(8);
    const draw = (r: ReturnType<typeof createSeededRng>) => Array.from({ length: 5 }, () => r.uniform());
    const fromA = draw(a);
    expect(draw(b)).toEqual(fromA);
    expect(draw(c)).not.toEqual(fromA);
  });

  it("draws uniform doubles in [0, 1) with mean ≈ 1/2", () => {
    const rng = createSeededRng(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = rng.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    // sd of the mean = sqrt(1/12) / 100 ≈ 0.0029; ±0.012 is ~4 sd.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.012);
  });

  it("draws integers below n evenly", () => {
    const rng = createSeededRng(2);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[rng.integerBelow(10)]++;
    // each count ~ Binomial(20000, 0.1): mean 2000, sd = sqrt(20000·0.1·0.9) ≈ 42; ±200 is ~4.7 sd.
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    expect(rng.integerBelow(1)).toBe(0);
    expect(rng.integerBelow(2 ** 32)).toBeLessThan(2 ** 32);
  });

  it("rejects bad seeds and bounds with the value in the message", () => {
    expect(() => createSeededRng(1.5)).toThrow(/seed must be a safe integer, got 1.5/);
    const rng = createSeededRng(3);
    expect(() => rng.integerBelow(0)).toThrow(/got 0/);
    expect(() => rng.integerBelow(2.5)).toThrow(/got 2.5/);
    expect(() => rng.integerBelow(2 ** 32 + 1)).toThrow(/\[1, 2\^32\]/);
  });
});

describe("shuffleInPlace", () => {
  it("returns a permutation of the same array", () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const out = shuffleInPlace(createSeededRng(4), items);
    expect(out).toBe(items);
    expect([...out].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // P(identity) = 1/10! for this fixed seed
  });
});

describe("sampleWithoutReplacement", () => {
  it("draws k distinct indices in range; k = n is a permutation", () => {
    const rng = createSeededRng(5);
    const sample = Array.from(sampleWithoutReplacement(rng, 32768, 100));
    expect(new Set(sample).size).toBe(100);
    for (const i of sample) expect(i >= 0 && i < 32768).toBe(true);
    expect(Array.from(sampleWithoutReplacement(rng, 6, 6)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sampleWithoutReplacement(rng, 0, 0).length).toBe(0);
  });

  it("includes each index with probability k/n", () => {
    const rng = createSeededRng(6);
    const hits = new Array<number>(5).fill(0);
    for (let t = 0; t < 10_000; t++) for (const i of sampleWithoutReplacement(rng, 5, 2)) hits[i]++;
    // each index: Binomial(10000, 2/5): mean 4000, sd ≈ 49; ±250 is ~5 sd.
    for (const h of hits) expect(Math.abs(h - 4000)).toBeLessThan(250);
  });

  it("rejects k > n", () => {
    expect(() => sampleWithoutReplacement(createSeededRng(0), 3, 4)).toThrow(/k = 4 .* population of 3/);
  });
});
