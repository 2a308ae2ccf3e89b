import { describe, expect, it } from "vitest";
import { nonDegenerateDomain, prefersLogScale } from "./value-domain";

describe("nonDegenerateDomain", () => {
  it("spans the largest finite value", () => {
    expect(nonDegenerateDomain([0, 2.5, 1, Number.NaN, Infinity], 1)).toEqual({ hi: 2.5, degenerate: false });
  });

  it("falls back to a fixed domain when every value is 0 or there are none", () => {
    expect(nonDegenerateDomain([0, 0, 0], 1)).toEqual({ hi: 1, degenerate: true });
    expect(nonDegenerateDomain([], 3)).toEqual({ hi: 3, degenerate: true });
  });

  it("refuses a non-positive fallback", () => {
    expect(() => nonDegenerateDomain([], 0)).toThrow(/must be positive, got 0/);
  });
});

describe("prefersLogScale", () => {
  it("asks for log when positive values span two decades, ignoring zeros", () => {
    expect(prefersLogScale([0, 0, 0.01, 1])).toBe(true); // 1 / 0.01 = 100
    expect(prefersLogScale([0, 0.02, 1])).toBe(false); // 50
    expect(prefersLogScale([0, 0])).toBe(false);
    expect(prefersLogScale([0.5, 5], 1)).toBe(true);
  });
});
