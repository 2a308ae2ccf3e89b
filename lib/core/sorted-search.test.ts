import { describe, expect, it } from "vitest";
import { countAtMost } from "./sorted-search";

describe("countAtMost", () => {
  it("counts elements ≤ x, ties included, by hand", () => {
    const sorted = [1, 2, 2, 2, 5];
    expect([0, 1, 1.5, 2, 4.9, 5, 9].map((x) => countAtMost(sorted, x))).toEqual([0, 1, 1, 4, 4, 5, 5]);
    expect(countAtMost([], 3)).toBe(0);
  });
});
