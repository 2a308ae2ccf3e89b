import { describe, expect, it } from "vitest";
import { cdfAt, cdfSignature, cdfStepLine, cdfSteps, positiveCdf } from "./activation-cdf";

describe("cdfSteps", () => {
  it("gives each distinct value the fraction of the sample at or below it", () => {
    // sorted: 0 0 0 1 2 2 5 → F(0) = 3/7, F(1) = 4/7, F(2) = 6/7, F(5) = 1
    const steps = cdfSteps([2, 0, 5, 0, 1, 2, 0]);
    expect(steps).toEqual([
      { x: 0, p: 3 / 7 },
      { x: 1, p: 4 / 7 },
      { x: 2, p: 6 / 7 },
      { x: 5, p: 1 },
    ]);
  });

  it("leaves failed (NaN) predictions out and is empty for an empty sample", () => {
    expect(cdfSteps([Number.NaN, 3, 1])).toEqual([
      { x: 1, p: 0.5 },
      { x: 3, p: 1 },
    ]);
    expect(cdfSteps([])).toEqual([]);
  });
});

describe("cdfAt", () => {
  const steps = [
    { x: 0, p: 0.5 },
    { x: 1, p: 0.75 },
    { x: 4, p: 1 },
  ];
  it("reads the last step at or left of x", () => {
    expect(cdfAt(steps, -1)).toBe(0);
    expect(cdfAt(steps, 0)).toBe(0.5);
    expect(cdfAt(steps, 0.9)).toBe(0.5);
    expect(cdfAt(steps, 1)).toBe(0.75);
    expect(cdfAt(steps, 10)).toBe(1);
  });
  it("keeps the zero mass as the start level of the positive part", () => {
    expect(positiveCdf(steps)).toEqual({ startP: 0.5, steps: steps.slice(1) });
  });
  it("writes a compact signature", () => {
    expect(cdfSignature([{ x: 1 / 3, p: 2 / 3 }])).toBe("0.3333:0.6667");
  });
});

describe("cdfStepLine", () => {
  it("starts at the left edge at startP, steps through the CDF and ends level at the right edge", () => {
    const steps = [
      { x: 0, p: 0.5 },
      { x: 1, p: 0.75 },
      { x: 4, p: 1 },
    ];
    expect(cdfStepLine(steps, -1, 5, 0)).toEqual([
      [-1, 0],
      [0, 0.5],
      [1, 0.75],
      [4, 1],
      [5, 1],
    ]);
    // On a log axis from 0.5: the zero mass (0.5) is the start level.
    const { startP, steps: positive } = positiveCdf(steps);
    expect(cdfStepLine(positive, 0.5, 8, startP)).toEqual([
      [0.5, 0.5],
      [1, 0.75],
      [4, 1],
      [8, 1],
    ]);
  });
});
