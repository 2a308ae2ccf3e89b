import { locateAnswer } from "@/lib/llm";
import { cutOffDetail, noLogprobsDetail, shownAnswer, TOKENS_ARE_IDS_DETAIL, tokensAreIds } from "@/lib/llm";
import type { LlmCompletion, TopLogprob } from "@/lib/llm";
import type { SimulationFailureReason } from "./simulator";

export type DigitReading =
  | { ok: true; digitProbs: Float64Array; prediction: number }
  | { ok: false; reason: SimulationFailureReason; detail: string };

/**
 * How the expected value is taken from the digits among the top-N alternatives: "renormalized" divides by their
 * total (Σ p(d)·d / Σ p(d)); "raw-sum" is the seed paper's code, Σ p(d)·d over the raw probabilities, so mass on
 * other tokens (and on digits outside the top N) pulls the prediction towards 0.
 */
export type ExpectedValueRule = "renormalized" | "raw-sum";

export interface DigitReadingOptions {
  expectedValue?: ExpectedValueRule;
  /** The max_tokens the request asked for, quoted when the answer was cut off. */
  maxTokens: number;
}

const REFUSAL = /\b(I can(?:not|'t|’t)|I'm sorry|I am sorry|I apologi[sz]e|as an AI|I(?:'m| am) (?:unable|not able)|I won't)\b/i;

/** The simulator's answer: a single digit in brackets (seed paper, Appendix A), spaces allowed inside. */
const ANSWER = /\[\s*([0-9])\s*\]/g;

/** The digit a token stands for in an answer like `[7]` (" 7", "[7", "7]" count too), or null. */
export function digitOf(token: string): number | null {
  const core = token.replace(/[\s[\]]/g, "");
  return /^[0-9]$/.test(core) ? Number(core) : null;
}

/** Σ d·p(d) over the ten digits. */
export function expectedDigit(digitProbs: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < digitProbs.length; d += 1) sum += d * digitProbs[d];
  return sum;
}

function digitMass(top: readonly TopLogprob[]): Float64Array {
  // Tokens that decode to the same digit (" 7", "7", "[7") are one answer, so their probabilities add up.
  const mass = new Float64Array(10);
  for (const { token, logprob } of top) {
    const digit = digitOf(token);
    if (digit !== null) mass[digit] += Math.exp(logprob);
  }
  return mass;
}

/**
 * Reads the simulator's answer distribution at the digit of the `[d]` answer in the message content: the last
 * such answer, found again among the generated tokens (which also hold a thinking model's reasoning, skipped), and
 * the alternatives at that token. Digits elsewhere ("on a 0-9 scale", the reasoning) are never read.
 */
export function readDigitDistribution(completion: LlmCompletion, options: DigitReadingOptions): DigitReading {
  const answer = [...completion.text.matchAll(ANSWER)].at(-1);
  if (!answer) {
    const expected = "a list like [3]";
    if (REFUSAL.test(completion.text)) return { ok: false, reason: "refusal", detail: `expected ${expected}, got ${shownAnswer(completion.text)}` };
    if (completion.finishReason === "length") return { ok: false, reason: "answer-cut-off", detail: cutOffDetail("simulate", options.maxTokens, completion, expected) };
    return { ok: false, reason: "no-digit-in-answer", detail: `expected ${expected}, got ${shownAnswer(completion.text)}` };
  }
  if (!completion.logprobs) return { ok: false, reason: "no-logprobs", detail: noLogprobsDetail(completion) };
  if (tokensAreIds(completion.logprobs)) return { ok: false, reason: "tokens-are-ids", detail: TOKENS_ARE_IDS_DETAIL };
  const located = locateAnswer(completion.logprobs, answer[0]);
  if (!located) {
    const spelled = JSON.stringify(completion.logprobs.map((t) => t.token).join("").slice(-200));
    return { ok: false, reason: "answer-not-in-logprobs", detail: `the answer ${answer[0]} is not among the generated tokens ${spelled}` };
  }
  const { topLogprobs } = located.tokenAt(answer[0].indexOf(answer[1]));
  if (topLogprobs.length === 0) {
    return { ok: false, reason: "no-logprobs", detail: `no top_logprobs at the digit of ${shownAnswer(completion.text)}; the server ignored top_logprobs` };
  }
  const mass = digitMass(topLogprobs);
  const total = mass.reduce((a, b) => a + b, 0);
  if (!(total > 0)) {
    const seen = topLogprobs.map((t) => JSON.stringify(t.token)).join(", ");
    return { ok: false, reason: "no-digit-in-top-logprobs", detail: `no digit among the alternatives ${seen} of ${shownAnswer(completion.text)}` };
  }
  const digitProbs = options.expectedValue === "raw-sum" ? mass : mass.map((m) => m / total);
  return { ok: true, digitProbs, prediction: expectedDigit(digitProbs) };
}
