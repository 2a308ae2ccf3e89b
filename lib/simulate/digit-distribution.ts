import type { LlmCompletion, TopLogprob } from "@/lib/llm/llm-completion";
import type { SimulationFailureReason } from "./simulator";

export type DigitReading =
  | { ok: true; digitProbs: Float64Array; prediction: number }
  | { ok: false; reason: SimulationFailureReason; detail: string };

const REFUSAL = /\b(I can(?:not|'t|’t)|I'm sorry|I am sorry|I apologi[sz]e|as an AI|I(?:'m| am) (?:unable|not able)|I won't)\b/i;

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
  // Tokens that decode to the same digit (" 7", "7") are one answer, so their probabilities add up.
  const mass = new Float64Array(10);
  for (const { token, logprob } of top) {
    const digit = digitOf(token);
    if (digit !== null) mass[digit] += Math.exp(logprob);
  }
  return mass;
}

/**
 * Reads the simulator's answer distribution at the first single-digit token of the answer.
 * Choice: p is renormalised over the ten digits before taking the expected value (the seed paper's code summed
 * p·d over the raw top_logprobs, so probability on non-digit tokens pulled its prediction towards 0).
 */
export function readDigitDistribution(completion: LlmCompletion): DigitReading {
  const answer = JSON.stringify(completion.text.slice(0, 200));
  if (!completion.logprobs) {
    return { ok: false, reason: "no-logprobs", detail: `the server returned no logprobs (answer ${answer}); it must support logprobs/top_logprobs` };
  }
  const at = completion.logprobs.findIndex((t) => digitOf(t.token) !== null);
  if (at < 0) {
    const reason = REFUSAL.test(completion.text) ? "refusal" : "no-digit-in-answer";
    return { ok: false, reason, detail: `expected a list like [3], got ${answer}` };
  }
  const { topLogprobs } = completion.logprobs[at];
  if (topLogprobs.length === 0) {
    return { ok: false, reason: "no-logprobs", detail: `no top_logprobs at the digit of ${answer}; the server ignored top_logprobs` };
  }
  const mass = digitMass(topLogprobs);
  const total = mass.reduce((a, b) => a + b, 0);
  if (!(total > 0)) {
    const seen = topLogprobs.map((t) => JSON.stringify(t.token)).join(", ");
    return { ok: false, reason: "no-digit-in-top-logprobs", detail: `no digit among the alternatives ${seen} of ${answer}` };
  }
  const digitProbs = mass.map((m) => m / total);
  return { ok: true, digitProbs, prediction: expectedDigit(digitProbs) };
}
