import { describe, expect, it } from "vitest";
import reference from "./fixtures/histogram.json";
import { histogram, nonZeroActivationHistogram } from "./histogram";

describe("histogram", () => {
  it("matches numpy.histogram on linear and log edges", () => {
    const linear = histogram(reference.values, reference.linear.edges);
    expect(Array.from(linear.counts)).toEqual(reference.linear.counts);
    expect(linear.outsideCount).toBe(reference.linear.outside);
    expect(Array.from(histogram(reference.values, reference.log.edges).counts)).toEqual(reference.log.counts);
  });

  it("counts by hand, the last bin closed", () => {
    // edges 0 1 2: [0,1) gets 0, 0.5; [1,2] gets 1, 2; 3 and −1 are outside
    const h = histogram([0, 0.5, 1, 2, 3, -1], [0, 1, 2]);
    expect(Array.from(h.counts)).toEqual([2, 2]);
    expect(h.outsideCount).toBe(2);
  });
});

describe("nonZeroActivationHistogram", () => {
  it("bins only the non-zeros over their own range", () => {
    // non-zeros 1, 2, 3, 4 over [1, 4] in 3 bins of width 1: [1,2) 1; [2,3) 2; [3,4] 3, 4
    const h = nonZeroActivationHistogram([0, 1, 0, 2, 3, 4, 0], 3);
    expect(Array.from(h.edges)).toEqual([1, 2, 3, 4]);
    expect(Array.from(h.counts)).toEqual([1, 1, 2]);
  });

  it("uses geometric bins on a log scale", () => {
    // 1, 10, 100, 1000 over [1, 1000] in 3 log bins: edges 1 10 100 1000, one value per bin but the last has two
    const h = nonZeroActivationHistogram([1, 10, 100, 1000], 3, "log");
    expect(Array.from(h.counts)).toEqual([1, 1, 2]);
  });

  it("handles a dead latent and a single distinct value", () => {
    expect(nonZeroActivationHistogram([0, 0], 5).counts.length).toBe(0);
    const single = nonZeroActivationHistogram([2.5, 2.5, 0], 5);
    expect([Array.from(single.edges), Array.from(single.counts)]).toEqual([[2.5, 2.5], [2]]);
  });
});
