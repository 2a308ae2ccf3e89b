import { describe, expect, it } from "vitest";
import { linearNormalize } from "./linear-normalizer";

describe("linearNormalize", () => {
  it("maps the 0–9 scale onto [0, max activation], clamped", () => {
    // max 12: 0→0, 4.5→6, 9→12, 10→clamped 9→12, −1→clamped 0→0
    expect([0, 4.5, 9, 10, -1].map((r) => linearNormalize(r, 12))).toEqual([0, 6, 12, 12, 0]);
    expect(linearNormalize(5, 20, 10)).toBe(10); // a 0–10 scale
  });

  it("rejects NaN and impossible scales", () => {
    expect(() => linearNormalize(Number.NaN, 1)).toThrow(/NaN raw prediction/);
    expect(() => linearNormalize(1, -2)).toThrow(/maxActivation must be a finite number ≥ 0, got -2/);
    expect(() => linearNormalize(1, 2, 0)).toThrow(/maxRawPrediction must be a finite number > 0, got 0/);
  });
});
