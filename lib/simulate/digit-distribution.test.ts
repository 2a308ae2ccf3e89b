import { describe, expect, it } from "vitest";
import type { LlmCompletion, TokenLogprob } from "@/lib/llm";
import { digitOf, readDigitDistribution } from "./digit-distribution";

function completion(text: string, logprobs: TokenLogprob[] | null, extra: Partial<LlmCompletion> = {}): LlmCompletion {
  return { text, reasoning: null, finishReason: "stop", logprobs, usage: null, model: null, ...extra };
}

/** A generated token with (token, probability) alternatives; the first alternative is the token itself. */
const at = (token: string, top: Array<[string, number]>): TokenLogprob => ({
  token,
  logprob: Math.log(top[0][1]),
  topLogprobs: top.map(([t, p]) => ({ token: t, logprob: Math.log(p) })),
});
const certain = (token: string): TokenLogprob => at(token, [[token, 1]]);
const read = (c: LlmCompletion) => readDigitDistribution(c, { maxTokens: 8 });

// p(3) = .5, p(7) = .25, p("x") = .25 → over digits p(3) = 2/3, p(7) = 1/3 → E = 2 + 7/3 = 4.333…
const THREE = at("3", [["3", 0.5], ["7", 0.25], ["x", 0.25]]);

describe("readDigitDistribution", () => {
  it("renormalises over the digits and takes the expected value", () => {
    const reading = read(completion("[3]", [certain("["), THREE, certain("]")]));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.prediction).toBeCloseTo(13 / 3, 12);
    expect(reading.digitProbs[3]).toBeCloseTo(2 / 3, 12);
    expect(reading.digitProbs[7]).toBeCloseTo(1 / 3, 12);
    expect(reading.digitProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("takes the paper's raw sum when asked: Σ p·d without renormalising", () => {
    const reading = readDigitDistribution(completion("[3]", [certain("["), THREE, certain("]")]), { maxTokens: 8, expectedValue: "raw-sum" });
    // 3·.5 + 7·.25 = 3.25; the .25 on "x" counts as 0.
    expect(reading.ok && reading.prediction).toBeCloseTo(3.25, 12);
  });

  it("reads the digit of the [d] answer, not an earlier digit in the prose", () => {
    // "On a 0-9 scale: [3]": the "0" comes first and is certain; reading it gave 0 for every context.
    const prose = [certain("On"), certain(" a"), certain(" "), certain("0"), certain("-"), certain("9"), certain(" scale"), certain(":"), certain(" ")];
    const reading = read(completion("On a 0-9 scale: [3]", [...prose, certain("["), THREE, certain("]")]));
    expect(reading.ok && reading.prediction).toBeCloseTo(13 / 3, 12);
  });

  it("skips a thinking model's reasoning tokens, even a [d] among them, and takes the last [d] of the content", () => {
    const thought = [certain("Maybe"), certain(" ["), certain("5"), certain("]"), certain("?"), certain(" No"), certain(".\n\n")];
    const reading = read(completion("[3]", [...thought, certain("["), THREE, certain("]")], { reasoning: "Maybe [5]? No." }));
    expect(reading.ok && reading.prediction).toBeCloseTo(13 / 3, 12);
    const twice = read(completion("[5] or rather [3]", [certain("["), certain("5"), certain("]"), certain(" or rather "), certain("["), THREE, certain("]")]));
    expect(twice.ok && twice.prediction).toBeCloseTo(13 / 3, 12);
  });

  it("adds up spelling variants of one digit: leading spaces and a merged bracket", () => {
    // " 2" and "2" are both 2: p = (.3 + .1) vs .4 for 6 → E = (2·.4 + 6·.4)/.8 = 4
    const spaced = at(" 2", [[" 2", 0.3], ["2", 0.1], [" 6", 0.4]]);
    expect(read(completion("[ 2]", [certain("["), spaced, certain("]")])).ok).toBe(true);
    expect((read(completion("[ 2]", [certain("["), spaced, certain("]")])) as { prediction: number }).prediction).toBeCloseTo(4, 12);
    // "[7" merged: alternatives "[7", "[1" are digits, "[" alone (a digit would follow) is not → E = (7·.6 + 1·.2)/.8 = 5.5
    const merged = at("[7", [["[7", 0.6], ["[1", 0.2], ["[", 0.2]]);
    const reading = read(completion("[7]", [merged, certain("]")]));
    expect(reading.ok && reading.prediction).toBeCloseTo(5.5, 12);
  });

  it("fails with a reason instead of returning 0", () => {
    expect(read(completion("[5]", null))).toMatchObject({ ok: false, reason: "no-logprobs", detail: expect.stringContaining("Ollama 0.12.11") });
    expect(read(completion("I'm sorry, I cannot help with that.", [certain("I")]))).toMatchObject({ ok: false, reason: "refusal" });
    expect(read(completion("[high]", [certain("["), certain("high"), certain("]")]))).toMatchObject({ ok: false, reason: "no-digit-in-answer" });
    const lonely = at("4", [["[", 0.6]]);
    expect(read(completion("[4]", [certain("["), lonely, certain("]")]))).toMatchObject({ ok: false, reason: "no-digit-in-top-logprobs" });
    const bare: TokenLogprob = { token: "4", logprob: -1, topLogprobs: [] };
    expect(read(completion("[4]", [certain("["), bare, certain("]")]))).toMatchObject({ ok: false, reason: "no-logprobs" });
  });

  it("says a thinking model was cut off at max_tokens, and which settings help", () => {
    const cut = completion("", [certain("Let"), certain(" me"), certain(" think")], { finishReason: "length", reasoning: "Let me think" });
    const reading = read(cut);
    expect(reading).toMatchObject({ ok: false, reason: "answer-cut-off" });
    expect(!reading.ok && reading.detail).toMatch(/cut off at max_tokens 8 .*12 characters reasoning.*\(REWRITE_LLM_THINKING=off\) or raise REWRITE_LLM_SIMULATE_MAX_TOKENS/);
  });

  it("names vLLM's tokens-as-ids mode, and tokens that do not spell the answer", () => {
    const ids = [certain("token_id:58"), certain("token_id:18"), certain("token_id:60")];
    expect(read(completion("[3]", ids))).toMatchObject({ ok: false, reason: "tokens-are-ids", detail: expect.stringContaining("--return-tokens-as-token-ids") });
    expect(read(completion("[3]", [certain("[4]")]))).toMatchObject({ ok: false, reason: "answer-not-in-logprobs" });
  });

  it("recognises digit tokens with brackets or spaces but not numbers", () => {
    expect(["7", " 7", "[7", "7]", "10", "x", "[", "7.5"].map(digitOf)).toEqual([7, 7, 7, 7, null, null, null, null]);
  });
});
