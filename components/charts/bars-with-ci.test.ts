import { describe, expect, it } from "vitest";
import { barGeometry, type BarWithCi } from "./bars-with-ci";

// y: data 0 at pixel 100, 10 px per unit upward.
const y = (value: number) => 100 - 10 * value;
const bar = (estimate: number, lower: number | null, upper: number | null): BarWithCi => ({ left: 20, width: 8, estimate, lower, upper, fill: "red", title: "" });

describe("barGeometry", () => {
  it("draws a positive bar up from 0 and its whisker with caps at the interval's ends", () => {
    expect(barGeometry(bar(3, 2, 4.5), y)).toEqual({ rect: { x: 20, y: 70, width: 8, height: 30 }, errorPath: "M24,80V55M22,80H26M22,55H26" });
  });

  it("draws a negative bar down from 0", () => {
    expect(barGeometry(bar(-2, -3, -1), y).rect).toEqual({ x: 20, y: 100, width: 8, height: 20 });
  });

  it("keeps a zero bar 1 px high and draws no whisker without an interval", () => {
    expect(barGeometry(bar(0, null, null), y)).toEqual({ rect: { x: 20, y: 100, width: 8, height: 1 }, errorPath: null });
  });
});
