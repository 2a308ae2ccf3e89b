import { describe, expect, it } from "vitest";
import { EXPLANATION_ANSWER_LABEL } from "@/lib/llm";
import { parseExplanation } from "./explanation-parser";

const explanationOf = (answer: string) => {
  const parsed = parseExplanation(answer);
  return parsed.ok ? parsed.explanation : parsed.reason;
};

describe("parseExplanation", () => {
  it("reads the sentence after the label, after any reasoning", () => {
    expect(explanationOf(`The marks are on counts.\n${EXPLANATION_ANSWER_LABEL} Plural nouns after numbers.`)).toBe(
      "Plural nouns after numbers.",
    );
  });

  it("tolerates markdown, quotes, case and a missing bracket", () => {
    expect(explanationOf('**[EXPLANATION]:** "the word not"')).toBe("the word not");
    expect(explanationOf("[explanation]: dates")).toBe("dates");
    expect(explanationOf("Explanation: closing brackets")).toBe("closing brackets");
  });

  it("takes the last label line, or the line after an empty label", () => {
    expect(explanationOf("[EXPLANATION]: first try\n[EXPLANATION]: second try")).toBe("second try");
    expect(explanationOf("[EXPLANATION]:\n\n  Dates in legal text  ")).toBe("Dates in legal text");
  });

  it("names what is wrong with a bad answer", () => {
    expect(explanationOf("   ")).toBe("empty-answer");
    expect(explanationOf("Explanation of the pattern is unclear")).toBe("no-explanation-line");
    expect(explanationOf("[EXPLANATION]:   ")).toBe("empty-explanation");
    expect(explanationOf(`[EXPLANATION]: ${"very ".repeat(80)}long`)).toBe("explanation-too-long");
    const missing = parseExplanation("I think it is about cats.");
    expect(!missing.ok && missing.detail).toContain('"I think it is about cats."');
  });
});
