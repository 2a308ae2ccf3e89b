import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from "@/lib/llm/highlight-tokens";
import { CONTEXT_LABEL, EXPLANATION_ANSWER_LABEL, EXPLANATION_LABEL, exampleLabel } from "@/lib/llm/prompt-labels";

/** A reply token; `top` lists (token, probability) alternatives including the token itself; absent means certain. */
export interface ReplyToken {
  token: string;
  top?: Array<[string, number]>;
}

export interface TestRuleInput {
  /** Every message (or the completion prompt) joined: used to recognise the kind of prompt. */
  fullText: string;
  /** The last message, which carries the explanation, examples or context. */
  lastMessage: string;
}

export type TestRule = (input: TestRuleInput) => ReplyToken[];

/** How the default rule spells its answer lists, as different tokenizers and chatty models do. */
export interface AnswerStyle {
  /**
   * "plain": "[", "8", "]"; "leading-space": "[", " 8", "]", with each digit alternative split between " d" (3/4)
   * and "d" (1/4), so one digit's spellings must be added up; "merged-bracket": "[8", "]" (alternatives "[d").
   */
  digits?: "plain" | "leading-space" | "merged-bracket";
  /** Prose before the list, e.g. "On a 0-9 scale: ", and after it, e.g. " (1 = yes)". */
  before?: string;
  after?: string;
}

/** Splits text the way a tokenizer roughly would: each digit alone, words, whitespace runs, single punctuation. */
export function textTokens(text: string): ReplyToken[] {
  return (text.match(/\d|[A-Za-z]+|\s+|[^\sA-Za-z\d]/g) ?? []).map((token) => ({ token }));
}

// Simulator answers, chosen so tests can renormalise by hand: a match gives E = (8·.5 + 9·.25 + 7·.15)/.9 = 8.111…,
// no match gives E = (0·.8 + 1·.1)/.9 = 0.111…; the "[" and "]" alternatives are the non-digit mass.
export const SIMULATION_MATCH_TOP: Array<[string, number]> = [["8", 0.5], ["9", 0.25], ["7", 0.15], ["[", 0.1]];
export const SIMULATION_MISS_TOP: Array<[string, number]> = [["0", 0.8], ["1", 0.1], ["]", 0.1]];
/** Detection / fuzzing: the chosen 0 or 1 gets this probability, the other the rest. */
export const CLASSIFICATION_CONFIDENCE = 0.8;

const marksPattern = new RegExp(`${HIGHLIGHT_OPEN}([\\s\\S]+?)${HIGHLIGHT_CLOSE}`, "g");

function markedContents(text: string): string[] {
  return [...text.matchAll(marksPattern)].map((m) => m[1].trim().toLowerCase());
}

function labelledLine(text: string, label: string): string | null {
  const line = text.split("\n").findLast((l) => l.startsWith(label));
  return line === undefined ? null : line.slice(label.length).trim();
}

function explainerReply(lastMessage: string): ReplyToken[] {
  const counts = new Map<string, number>();
  for (const mark of markedContents(lastMessage)) counts.set(mark, (counts.get(mark) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  const sentence = top ? `The token "${top[0]}".` : "Nothing in particular.";
  return textTokens(`Most marks are on one token.\n${EXPLANATION_ANSWER_LABEL} ${sentence}`);
}

function keywords(explanation: string): string[] {
  const quoted = [...explanation.matchAll(/"([^"]+)"/g)].map((m) => m[1].toLowerCase());
  return quoted.length ? quoted : (explanation.toLowerCase().match(/[a-z]{4,}/g) ?? []);
}

interface AnswerEntry {
  value: string;
  top: Array<[string, number]>;
}

const isDigit = (token: string) => /^[0-9]$/.test(token);

function spelledEntry(entry: AnswerEntry, style: AnswerStyle, first: boolean): ReplyToken {
  if (style.digits === "leading-space") {
    const top = entry.top.flatMap(([t, p]): Array<[string, number]> => (isDigit(t) ? [[` ${t}`, 0.75 * p], [t, 0.25 * p]] : [[t, p]]));
    return { token: ` ${entry.value}`, top };
  }
  if (style.digits === "merged-bracket" && first) {
    return { token: `[${entry.value}`, top: entry.top.map(([t, p]) => [isDigit(t) ? `[${t}` : t, p]) };
  }
  return { token: entry.value, top: entry.top };
}

/** "[a, b, …]" as reply tokens in the given style, with the style's prose around it. */
function answerList(entries: AnswerEntry[], style: AnswerStyle): ReplyToken[] {
  const tokens: ReplyToken[] = style.before ? textTokens(style.before) : [];
  if (style.digits !== "merged-bracket" || entries.length === 0) tokens.push({ token: "[" });
  entries.forEach((entry, i) => {
    if (i > 0) tokens.push({ token: "," }, ...(style.digits === "leading-space" ? [] : [{ token: " " }]));
    tokens.push(spelledEntry(entry, style, i === 0));
  });
  tokens.push({ token: "]" });
  if (style.after) tokens.push(...textTokens(style.after));
  return tokens;
}

function classificationReply(lastMessage: string, explanation: string, style: AnswerStyle): ReplyToken[] {
  const words = keywords(explanation);
  const answers: number[] = [];
  for (let k = 1; ; k += 1) {
    const example = labelledLine(lastMessage, exampleLabel(k));
    if (example === null) break;
    const marks = markedContents(example);
    const judged = marks.length ? marks.join(" ") : example.toLowerCase();
    answers.push(words.some((w) => judged.includes(w)) ? 1 : 0);
  }
  const entries = answers.map((answer) => ({
    value: String(answer),
    top: [[String(answer), CLASSIFICATION_CONFIDENCE], [String(1 - answer), 1 - CLASSIFICATION_CONFIDENCE]] as Array<[string, number]>,
  }));
  return answerList(entries, style);
}

function simulationReply(lastMessage: string, explanation: string, style: AnswerStyle): ReplyToken[] {
  const context = lastMessage.slice(lastMessage.lastIndexOf(CONTEXT_LABEL) + CONTEXT_LABEL.length);
  const target = markedContents(context).at(-1) ?? "";
  const hit = target !== "" && explanation.toLowerCase().includes(target);
  const top = hit ? SIMULATION_MATCH_TOP : SIMULATION_MISS_TOP;
  return answerList([{ value: top[0][0], top }], style);
}

/**
 * The deterministic answering rule: explainer prompts get a marked explanation line naming the most often marked
 * token; detection/fuzzing prompts a 0/1 list (1 when an explanation keyword is in the example, or in its marked
 * part); simulator prompts a digit distribution (high when the marked token occurs in the explanation). Lists are
 * spelled in `style`; the expected values and P(1) do not depend on it.
 */
export function testRule(style: AnswerStyle = {}): TestRule {
  return ({ fullText, lastMessage }) => {
    if (fullText.includes(EXPLANATION_ANSWER_LABEL)) return explainerReply(lastMessage);
    const explanation = labelledLine(lastMessage, EXPLANATION_LABEL);
    if (explanation === null) return textTokens("I am not sure what you are asking.");
    if (lastMessage.includes(exampleLabel(1))) return classificationReply(lastMessage, explanation, style);
    if (lastMessage.includes(CONTEXT_LABEL)) return simulationReply(lastMessage, explanation, style);
    return textTokens("I am not sure what you are asking.");
  };
}

export const defaultTestRule: TestRule = testRule();
