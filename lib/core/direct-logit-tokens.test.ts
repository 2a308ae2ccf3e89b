import { describe, expect, it } from "vitest";
import { directLogits, directLogitTokens, extremeTokens } from "./direct-logit-tokens";

describe("directLogits", () => {
  it("scales the decoder row by the layer norm weight, then unembeds (by hand)", () => {
    // d = 2, vocab = 3. direction (1, 2), γ = (2, 0.5) → scaled (2, 1).
    // E rows: (1, 0) → 2; (0, 1) → 1; (−1, 3) → −2 + 3 = 1
    const logits = directLogits([1, 2], [2, 0.5], [1, 0, 0, 1, -1, 3]);
    expect(Array.from(logits)).toEqual([2, 1, 1]);
  });

  it("rejects shapes that do not fit", () => {
    expect(() => directLogits([1, 2], [1], [1, 0])).toThrow(/layer norm weight has 1 values but the decoder row has 2/);
    expect(() => directLogits([1, 2], [1, 1], [1, 0, 3])).toThrow(/3 values are not whole rows of 2/);
  });
});

describe("extremeTokens", () => {
  it("lists the largest first and the most negative first, ties to the lower id", () => {
    const { promoted, suppressed } = extremeTokens([0.5, -3, 2, 2, -1], 2);
    expect(promoted).toEqual([
      { token: 2, logit: 2 },
      { token: 3, logit: 2 },
    ]);
    expect(suppressed).toEqual([
      { token: 1, logit: -3 },
      { token: 4, logit: -1 },
    ]);
  });

  it("returns the whole vocabulary when it is smaller than count", () => {
    expect(extremeTokens([1, -1], 5).promoted.map((t) => t.token)).toEqual([0, 1]);
  });
});

describe("directLogitTokens", () => {
  it("ranks tokens of a 3-token vocabulary computed by hand", () => {
    // direction (1, −1), γ = (1, 1): E rows (3, 1) → 2; (0, 2) → −2; (1, 1) → 0
    const out = directLogitTokens([1, -1], [1, 1], [3, 1, 0, 2, 1, 1], 1);
    expect(out).toEqual({ promoted: [{ token: 0, logit: 2 }], suppressed: [{ token: 1, logit: -2 }] });
  });
});
