import { describe, expect, it } from "vitest";
import { buildClassificationMessages } from "./classification-prompt";

describe("buildClassificationMessages", () => {
  it("puts the explanation first and numbers the excerpts", () => {
    const [system, user] = buildClassificationMessages("detection", "the word\n cat", ["The cat sat", "A dog"]);
    expect(system.content).toContain("[1, 0, 0]");
    expect(user.content).toBe("Explanation: the word cat\n\nExample 1: The cat sat\nExample 2: A dog");
  });
});

describe("fuzzing instructions", () => {
  it("ask about the wrapped tokens", () => {
    const [system] = buildClassificationMessages("fuzzing", "cats", ["The <<cat>>"]);
    expect(system.content).toContain("wrapped in << and >>");
  });
});
