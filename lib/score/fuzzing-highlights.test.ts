import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { fuzzingHighlightCount, randomHighlights } from "./fuzzing-highlights";

describe("fuzzing highlights", () => {
  it("uses the rounded mean number of true highlights of the activating examples, at least 1", () => {
    const examples = [
      { tokens: ["a", "b", "c"], activations: [5, 0, 0], activating: true }, // 1 mark
      { tokens: ["a", "b", "c"], activations: [5, 4, 3], activating: true }, // 3 marks (threshold 1.5)
      { tokens: ["a", "b", "c"], activations: [0, 0, 0], activating: false },
    ];
    expect(fuzzingHighlightCount(examples)).toBe(2);
    expect(fuzzingHighlightCount(examples.slice(2))).toBe(1);
  });

  it("highlights exactly `count` distinct positions, reproducibly from the seed", () => {
    const a = randomHighlights(32, 3, createSeededRng(7));
    expect(a.filter(Boolean)).toHaveLength(3);
    expect(randomHighlights(32, 3, createSeededRng(7))).toEqual(a);
    expect(randomHighlights(2, 5, createSeededRng(7))).toEqual([true, true]);
  });
});
