import type { TokenLogprob } from "@/lib/llm/llm-completion";
import type { ClassificationFailureReason } from "./scoring-example";

export type ParsedBinaryList =
  | { ok: true; values: Array<0 | 1> }
  | { ok: false; reason: ClassificationFailureReason; detail: string };

const ANY_LIST = /\[([^[\]]*)\]/g;

/** Reads the last Python-style list in the answer and checks it is `expected` entries of 0 or 1. */
export function parseBinaryList(answer: string, expected: number): ParsedBinaryList {
  const shown = JSON.stringify(answer.length > 200 ? `${answer.slice(0, 200)}…` : answer);
  const lists = [...answer.matchAll(ANY_LIST)];
  if (lists.length === 0) return { ok: false, reason: "no-list", detail: `expected a list like [1, 0], got ${shown}` };
  const entries = lists[lists.length - 1][1].split(",").map((e) => e.trim()).filter((e) => e !== "");
  const bad = entries.find((e) => e !== "0" && e !== "1");
  if (bad !== undefined) return { ok: false, reason: "not-binary", detail: `entry ${JSON.stringify(bad)} is not 0 or 1 in ${shown}` };
  if (entries.length !== expected) {
    return { ok: false, reason: "wrong-length", detail: `expected ${expected} entries, got ${entries.length} in ${shown}` };
  }
  return { ok: true, values: entries.map((e) => (e === "1" ? 1 : 0)) };
}

function binaryDigit(token: string): 0 | 1 | null {
  const core = token.replace(/[\s[\],]/g, "");
  return core === "0" ? 0 : core === "1" ? 1 : null;
}

/**
 * P(1) / (P(0) + P(1)) at each answer position, read from top_logprobs (delphi's probability, which makes AUC
 * possible). Answer positions are the last `expected` tokens that spell 0 or 1 (the list ends the answer).
 * Returns nulls when there are fewer such tokens, or at a position where neither 0 nor 1 is among the alternatives.
 */
export function binaryProbabilities(logprobs: readonly TokenLogprob[] | null, expected: number): Array<number | null> {
  const none = Array.from({ length: expected }, () => null);
  if (!logprobs) return none;
  const positions = logprobs.filter((t) => binaryDigit(t.token) !== null);
  if (positions.length < expected) return none;
  return positions.slice(positions.length - expected).map(({ topLogprobs }) => {
    const mass = [0, 0];
    for (const { token, logprob } of topLogprobs) {
      const digit = binaryDigit(token);
      if (digit !== null) mass[digit] += Math.exp(logprob);
    }
    return mass[0] + mass[1] > 0 ? mass[1] / (mass[0] + mass[1]) : null;
  });
}
