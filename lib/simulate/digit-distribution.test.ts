import { describe, expect, it } from "vitest";
import type { LlmCompletion, TokenLogprob } from "@/lib/llm/llm-completion";
import { digitOf, readDigitDistribution } from "./digit-distribution";

function completion(text: string, logprobs: TokenLogprob[] | null): LlmCompletion {
  return { text, finishReason: "stop", logprobs, usage: null, model: null };
}

/** A generated token with (token, probability) alternatives; the first alternative is the token itself. */
const at = (token: string, top: Array<[string, number]>): TokenLogprob => ({
  token,
  logprob: Math.log(top[0][1]),
  topLogprobs: top.map(([t, p]) => ({ token: t, logprob: Math.log(p) })),
});
const certain = (token: string): TokenLogprob => at(token, [[token, 1]]);

describe("readDigitDistribution", () => {
  it("renormalises over the digits and takes the expected value", () => {
    // p(3) = .5, p(7) = .25, p("x") = .25 → over digits p(3) = 2/3, p(7) = 1/3 → E = 2 + 7/3 = 4.333…
    const digit = at("3", [["3", 0.5], ["7", 0.25], ["x", 0.25]]);
    const reading = readDigitDistribution(completion("[3]", [certain("["), digit, certain("]")]));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.prediction).toBeCloseTo(13 / 3, 12);
    expect(reading.digitProbs[3]).toBeCloseTo(2 / 3, 12);
    expect(reading.digitProbs[7]).toBeCloseTo(1 / 3, 12);
    expect(reading.digitProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("adds up spelling variants of one digit", () => {
    // " 2" and "2" are both 2: p = (.3 + .1) vs .4 for 6 → E = (2·.4 + 6·.4)/.8 = 4
    const digit = at(" 2", [[" 2", 0.3], ["2", 0.1], ["6", 0.4]]);
    const reading = readDigitDistribution(completion("[ 2]", [certain("["), digit]));
    expect(reading.ok && reading.prediction).toBeCloseTo(4, 12);
  });

  it("fails with a reason instead of returning 0", () => {
    expect(readDigitDistribution(completion("[5]", null))).toMatchObject({ ok: false, reason: "no-logprobs" });
    expect(readDigitDistribution(completion("I'm sorry, I cannot help with that.", [certain("I")]))).toMatchObject({
      ok: false,
      reason: "refusal",
    });
    expect(readDigitDistribution(completion("[high]", [certain("["), certain("high"), certain("]")]))).toMatchObject({
      ok: false,
      reason: "no-digit-in-answer",
    });
    const lonely = at("4", [["[", 0.6]]);
    expect(readDigitDistribution(completion("[4]", [lonely]))).toMatchObject({ ok: false, reason: "no-digit-in-top-logprobs" });
    const bare: TokenLogprob = { token: "4", logprob: -1, topLogprobs: [] };
    expect(readDigitDistribution(completion("[4]", [bare]))).toMatchObject({ ok: false, reason: "no-logprobs" });
  });

  it("recognises digit tokens with brackets or spaces but not numbers", () => {
    expect(["7", " 7", "[7", "7]", "10", "x", "[", "7.5"].map(digitOf)).toEqual([7, 7, 7, 7, null, null, null, null]);
  });
});
