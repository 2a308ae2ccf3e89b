import { tokensAreIds } from "@/lib/llm";
import { locateAnswer } from "@/lib/llm";
import type { TokenLogprob } from "@/lib/llm";
import type { ClassificationFailureReason } from "./scoring-example";

/** The answer list as read from the content: its values, its text, and where each entry starts in that text. */
export interface BinaryList {
  values: Array<0 | 1>;
  text: string;
  entryOffsets: number[];
}

export type ParsedBinaryList = ({ ok: true } & BinaryList) | { ok: false; reason: ClassificationFailureReason; detail: string };

const ANY_LIST = /\[([^[\]]*)\]/g;

/** Reads the last Python-style list in the answer and checks it is `expected` entries of 0 or 1. */
export function parseBinaryList(answer: string, expected: number): ParsedBinaryList {
  const shown = JSON.stringify(answer.length > 200 ? `${answer.slice(0, 200)}…` : answer);
  const last = [...answer.matchAll(ANY_LIST)].at(-1);
  if (!last) return { ok: false, reason: "no-list", detail: `expected a list like [1, 0], got ${shown}` };
  const entries: { text: string; offset: number }[] = [];
  let start = 1; // after "["
  for (const part of last[1].split(",")) {
    const text = part.trim();
    if (text !== "") entries.push({ text, offset: start + part.indexOf(text) });
    start += part.length + 1;
  }
  const bad = entries.find((e) => e.text !== "0" && e.text !== "1");
  if (bad !== undefined) return { ok: false, reason: "not-binary", detail: `entry ${JSON.stringify(bad.text)} is not 0 or 1 in ${shown}` };
  if (entries.length !== expected) {
    return { ok: false, reason: "wrong-length", detail: `expected ${expected} entries, got ${entries.length} in ${shown}` };
  }
  return { ok: true, values: entries.map((e) => (e.text === "1" ? 1 : 0)), text: last[0], entryOffsets: entries.map((e) => e.offset) };
}

function binaryDigit(token: string): 0 | 1 | null {
  const core = token.replace(/[\s[\],]/g, "");
  return core === "0" ? 0 : core === "1" ? 1 : null;
}

/**
 * P(1) / (P(0) + P(1)) at each entry of the parsed list (delphi's probability, which makes AUC possible), read
 * from the alternatives at the token that holds the entry: the list is found again among the generated tokens, so
 * prose around it ("(1 = yes)") or a thinking model's reasoning never shifts an answer onto another token. Nulls
 * without logprobs, when the tokens do not spell the list, or where neither 0 nor 1 is among the alternatives.
 */
export function binaryProbabilities(logprobs: readonly TokenLogprob[] | null, list: Pick<BinaryList, "text" | "entryOffsets">): Array<number | null> {
  const none = list.entryOffsets.map(() => null);
  if (!logprobs || tokensAreIds(logprobs)) return none;
  const located = locateAnswer(logprobs, list.text);
  if (!located) return none;
  return list.entryOffsets.map((offset) => {
    const mass = [0, 0];
    for (const { token, logprob } of located.tokenAt(offset).topLogprobs) {
      const digit = binaryDigit(token);
      if (digit !== null) mass[digit] += Math.exp(logprob);
    }
    return mass[0] + mass[1] > 0 ? mass[1] / (mass[0] + mass[1]) : null;
  });
}
