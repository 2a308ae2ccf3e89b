import { describe, expect, it } from "vitest";
import { joinTypedArrays, splitTypedArrays } from "./typed-array-json";

describe("a result as JSON plus named arrays", () => {
  it("lifts every typed array out by its path and keeps NaN and ±Infinity", () => {
    const value = {
      config: { seed: 3, fractions: [0, 0.5, 1] },
      runs: [{ ceNats: Float64Array.of(1.5, Number.NaN), missing: Uint32Array.of(4) }],
      mean: Number.NaN,
      bounds: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      topK: { values: Float32Array.of(0.25), indices: Int32Array.of(-1) },
      skipped: undefined,
    };
    const { json, arrays } = splitTypedArrays(value);
    expect(arrays.map((a) => [a.name, a.dtype])).toEqual([
      ["runs/0/ceNats", "f64"],
      ["runs/0/missing", "u32"],
      ["topK/values", "f32"],
      ["topK/indices", "i32"],
    ]);
    expect(json).not.toContain("1.5"); // the numbers live in the arrays, not the JSON
    expect(JSON.parse(json).mean).toEqual({ $number: "NaN" });
    const back = joinTypedArrays(json, new Map(arrays.map((a) => [a.name, a.data])));
    const { skipped, ...expected } = value;
    expect(skipped).toBeUndefined();
    expect(back).toEqual(expected);
  });

  it("refuses array types the store has no dtype for, and references to missing arrays", () => {
    expect(() => splitTypedArrays({ bytes: Uint8Array.of(1) })).toThrow(/bytes is a Uint8Array; only Float64, Float32, Uint32 and Int32/);
    expect(() => joinTypedArrays('{"x":{"$array":"x"}}', new Map())).toThrow(/refers to an array "x"/);
  });
});
