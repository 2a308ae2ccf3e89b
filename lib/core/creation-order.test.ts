import { describe, expect, it } from "vitest";
import { creationOrderNumbers } from "./creation-order";

describe("creationOrderNumbers", () => {
  it("numbers by creation time, then id, whatever the input order", () => {
    const numbers = creationOrderNumbers([
      { id: 5683, createdAt: "2026-11-29T10:00:02.000Z" },
      { id: 608, createdAt: "2026-11-29T09:00:00.000Z" },
      { id: 700, createdAt: "2026-11-29T10:00:02.000Z" },
    ]);
    expect(numbers).toEqual({ 608: 1, 700: 2, 5683: 3 });
  });

  it("is empty for no versions", () => {
    expect(creationOrderNumbers([])).toEqual({});
  });
});
