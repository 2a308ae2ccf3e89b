import { describe, expect, it } from "vitest";
import { buildExplainerMessages } from "./explainer-prompt";

describe("buildExplainerMessages", () => {
  it("marks tokens above 0.3 of each example's max, merges neighbours, and lists levels against the global max", () => {
    const [system, user] = buildExplainerMessages([
      { tokens: ["The", " cat", " sat"], activations: [0, 5, 1] }, // threshold 1.5: " cat"; level ceil(50/10) = 5
      { tokens: ["A", " cat", " and", " dog"], activations: [0, 10, 4, 0] }, // threshold 3: " cat", " and"
      { tokens: ["x"], activations: new Float32Array([0]) },
    ]);
    expect(system.content).toContain("[EXPLANATION]: <your sentence>");
    expect(user.content).toBe(
      [
        "Example 1: The <<cat>> sat",
        'Activations: (" cat", 5)',
        "",
        "Example 2: A <<cat and>> dog",
        'Activations: (" cat", 10), (" and", 4)',
        "",
        "Example 3: x",
        "Activations: none",
      ].join("\n"),
    );
  });

  it("rejects an example whose tokens and activations do not align", () => {
    expect(() => buildExplainerMessages([{ tokens: ["a", "b"], activations: [1] }])).toThrow(
      /example 0: 2 tokens but 1 activations/,
    );
  });
});
