import { describe, expect, it } from "vitest";
import { locateAnswer } from "./answer-tokens";
import type { TokenLogprob } from "./llm-completion";

const tokens = (...texts: string[]): TokenLogprob[] => texts.map((token) => ({ token, logprob: 0, topLogprobs: [] }));

describe("locateAnswer", () => {
  it("finds the content's answer after the reasoning, even when the reasoning holds the same text", () => {
    // Reasoning "maybe [3]" then the answer "[3]": the answer is the last occurrence.
    const logprobs = tokens("maybe", " [", "3", "]", "\n\n", "[", "3", "]");
    const located = locateAnswer(logprobs, "[3]");
    expect(located?.tokenAt(1)).toBe(logprobs[6]);
    expect(located?.tokenAt(0)).toBe(logprobs[5]);
  });

  it("maps an offset to the token that holds it, whatever the token boundaries", () => {
    const merged = tokens("On", " a", " scale", ": ", "[7", "]");
    expect(locateAnswer(merged, "[7]")?.tokenAt(1).token).toBe("[7");
    const spaced = tokens("[1", ",", " 0", ",", " 1", "]", " (", "1", " =", " yes", ")");
    const list = locateAnswer(spaced, "[1, 0, 1]");
    expect([1, 4, 7].map((offset) => list?.tokenAt(offset).token)).toEqual(["[1", " 0", " 1"]);
  });

  it("is null when the tokens do not spell the answer", () => {
    expect(locateAnswer(tokens("token_id:58", "token_id:18", "token_id:60"), "[3]")).toBeNull();
    expect(locateAnswer(tokens("[3]"), "")).toBeNull();
  });
});
