import { describe, expect, it } from "vitest";
import { isShareSlug, shareSlugFromBytes } from "./share-slug";

describe("shareSlugFromBytes", () => {
  it("maps the low five bits of each byte onto the alphabet", () => {
    // 0 → "2", 31 → "_", 32 → "2" (only the low 5 bits count), 8 → "a", 255 → "_"
    const bytes = Uint8Array.from([0, 31, 32, 8, 255, 1, 2, 3, 4, 5, 6, 7]);
    expect(shareSlugFromBytes(bytes)).toBe("2_2a_3456789");
  });

  it("refuses too few bytes", () => {
    expect(() => shareSlugFromBytes(new Uint8Array(5))).toThrow(/needs 12 random bytes, got 5/);
  });

  it("recognises its own slugs only", () => {
    expect(isShareSlug("2_2a_3456789")).toBe(true);
    expect(isShareSlug("2_2a_345678")).toBe(false);
    expect(isShareSlug("ABCDEFGHJKMN")).toBe(false);
    expect(isShareSlug("../../etc/pw")).toBe(false);
  });
});
