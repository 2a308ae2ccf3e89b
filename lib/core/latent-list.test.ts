import { describe, expect, it } from "vitest";
import { parseLatentList } from "./latent-list";

describe("parseLatentList", () => {
  it("expands ranges, sorts and drops repeats", () => {
    expect(parseLatentList("7, 2-4,3,10-10")).toEqual([2, 3, 4, 7, 10]);
  });
  it("names the part it cannot read", () => {
    expect(() => parseLatentList("1,x")).toThrow('"x" is not a latent or a range like 10-20');
    expect(() => parseLatentList("5-2")).toThrow('the range "5-2" runs backwards');
  });
});
