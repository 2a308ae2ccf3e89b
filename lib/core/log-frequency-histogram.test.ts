import { describe, expect, it } from "vitest";
import { logFrequencyHistogram } from "./log-frequency-histogram";

describe("logFrequencyHistogram", () => {
  it("bins live latents by decade and counts dead ones apart", () => {
    // log10: -3, -2.7, -2, -0.3; one decade per bin from 10^-3 to 10^0.
    const h = logFrequencyHistogram([0.001, 0.002, 0.01, 0.5, 0, 0], 1);
    expect(h.log10Edges).toEqual([-3, -2, -1, 0]);
    expect(h.counts).toEqual([2, 1, 1]);
    expect(h).toMatchObject({ liveCount: 4, deadCount: 2 });
  });

  it("splits decades into equal log bins, the top edge closing the last bin", () => {
    // 10^-1 = 0.1 and 10^-0.5 ≈ 0.316 open bins 0 and 1; 1 sits on the top edge.
    const h = logFrequencyHistogram([0.1, 0.2, 0.32, 1], 2);
    expect(h.log10Edges).toEqual([-1, -0.5, 0]);
    expect(h.counts).toEqual([2, 2]);
  });

  it("widens a single power of ten to one decade, and has no bins without live latents", () => {
    expect(logFrequencyHistogram([0.01, 0.01], 1)).toMatchObject({ log10Edges: [-2, -1], counts: [2] });
    expect(logFrequencyHistogram([0, 0])).toEqual({ log10Edges: [], counts: [], liveCount: 0, deadCount: 2 });
  });

  it("refuses values that are not fractions", () => {
    expect(() => logFrequencyHistogram([0.5, 1.5])).toThrow(/frequency 1 is 1.5/);
    expect(() => logFrequencyHistogram([Number.NaN])).toThrow(/frequency 0 is NaN/);
  });
});
