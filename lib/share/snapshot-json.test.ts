import { describe, expect, it } from "vitest";
import { parseSnapshotJson, stringifySnapshot } from "./snapshot-json";

describe("snapshot JSON", () => {
  it("keeps NaN and ±Infinity as numbers and leaves look-alike strings alone", () => {
    const value = { a: Number.NaN, b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5], c: "NaN", d: null, e: { f: -0.25 } };
    const json = stringifySnapshot(value);
    expect(json).toBe('{"a":{"$number":"NaN"},"b":[{"$number":"Infinity"},{"$number":"-Infinity"},1.5],"c":"NaN","d":null,"e":{"f":-0.25}}');
    expect(parseSnapshotJson(json)).toEqual(value);
  });
});
