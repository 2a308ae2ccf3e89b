import { describe, expect, it } from "vitest";
import reference from "./fixtures/quantiles.json";
import { type QuantileType } from "./sample-quantiles";
import {
  zeroInflatedCdf,
  zeroInflatedQuantile,
  zeroInflatedSample,
  zeroInflatedSampleFromValues,
  zeroInflatedValueAt,
} from "./zero-inflated-sample";

describe("zeroInflatedSample", () => {
  it("gives numpy's quantiles of the full sample from (token count, non-zeros) alone", () => {
    const zeroMass = reference.cases.find((c) => c.name === "zeroMass");
    if (!zeroMass) throw new Error("fixture lacks the zeroMass case");
    // 17 zeros + [0.3, 1.2, 0.7] (20 tokens), passed compactly and in full.
    for (const sample of [zeroInflatedSample(20, [1.2, 0.3, 0.7]), zeroInflatedSampleFromValues(zeroMass.values)]) {
      expect(sample.zeroCount).toBe(17);
      for (const type of [1, 7, 8, 9] as QuantileType[]) {
        const expected = zeroMass.quantiles[String(type) as "1" | "7" | "8" | "9"];
        reference.ps.forEach((p, i) => expect(zeroInflatedQuantile(sample, p, type)).toBeCloseTo(expected[i], 12));
      }
      reference.xs.forEach((x, i) => expect(zeroInflatedCdf(sample, x)).toBe(zeroMass.cdf[i]));
    }
  });

  it("orders negatives before the zeros and positives after", () => {
    const sample = zeroInflatedSample(6, [2, -1, 3, -4]);
    // virtual sorted sample: [-4, -1, 0, 0, 2, 3]
    expect(Array.from({ length: 6 }, (_, i) => zeroInflatedValueAt(sample, i))).toEqual([-4, -1, 0, 0, 2, 3]);
    expect(zeroInflatedCdf(sample, -1)).toBeCloseTo(2 / 6, 15);
    expect(zeroInflatedCdf(sample, 0)).toBeCloseTo(4 / 6, 15);
    expect(zeroInflatedQuantile(sample, 0.5, 1)).toBe(0); // ceil(6·0.5) = rank 3 → 0
  });

  it("moves explicit zeros of the list into the zero mass", () => {
    const sample = zeroInflatedSample(5, [0, 1.5, 0]);
    expect(sample.zeroCount).toBe(4);
    expect(Array.from(sample.sortedNonZero)).toEqual([1.5]);
  });

  it("rejects impossible inputs with the numbers in the message", () => {
    expect(() => zeroInflatedSample(2, [1, 2, 3])).toThrow(/3 non-zero activations cannot come from only 2 tokens/);
    expect(() => zeroInflatedSample(0, [])).toThrow(/tokenCount must be an integer ≥ 1, got 0/);
    expect(() => zeroInflatedSample(4, [1, Number.NaN])).toThrow(/nonZeroActivations\[1\] is NaN/);
  });
});
