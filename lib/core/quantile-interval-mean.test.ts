import { describe, expect, it } from "vitest";
import { quantileIntervalMean } from "./quantile-interval-mean";
import { zeroInflatedSample } from "./zero-inflated-sample";

describe("quantileIntervalMean", () => {
  // Full sample [0, 0, 1, 3]: Q(u) = 0 on (0, .5], 1 on (.5, .75], 3 on (.75, 1].
  const mean = quantileIntervalMean(zeroInflatedSample(4, [3, 1]));

  it("averages whole steps", () => {
    expect(mean(0, 1)).toBeCloseTo(1, 12); // (0 + 0 + 1 + 3) / 4
    expect(mean(0.5, 1)).toBeCloseTo(2, 12);
    expect(mean(0, 0.5)).toBe(0);
  });

  it("weights partial steps by the width they cover", () => {
    // (.6, .75] → 1 over 0.15, (.75, .9] → 3 over 0.15: (0.15 + 0.45) / 0.3 = 2
    expect(mean(0.6, 0.9)).toBeCloseTo(2, 12);
    // (.25, .5] → 0, (.5, .75] → 1: 0.25 / 0.5
    expect(mean(0.25, 0.75)).toBeCloseTo(0.5, 12);
    // inside one step
    expect(mean(0.8, 0.95)).toBeCloseTo(3, 12);
  });

  it("places negatives below the zeros", () => {
    // [-2, 0, 0, 4]
    const m = quantileIntervalMean(zeroInflatedSample(4, [4, -2]));
    expect(m(0, 0.25)).toBeCloseTo(-2, 12);
    expect(m(0, 0.5)).toBeCloseTo(-1, 12);
    expect(m(0.25, 0.75)).toBe(0);
    expect(m(0.5, 1)).toBeCloseTo(2, 12);
  });

  it("refuses an empty band", () => {
    expect(() => mean(0.5, 0.5)).toThrow(/empty/);
  });
});
