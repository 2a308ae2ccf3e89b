import { EXPLANATION_ANSWER_LABEL } from "@/lib/llm";
import type { ExplanationFailureReason } from "./explainer";

export const MAX_EXPLANATION_CHARS = 300;

export type ParsedExplanation = { ok: true; explanation: string } | { ok: false; reason: ExplanationFailureReason; detail: string };

// Tolerates markdown around the label ("**[EXPLANATION]:** …", "- [Explanation]: …"), any letter case, and a bare
// "Explanation:" (brackets dropped; then the colon is required so "Explanation of …" prose does not count).
const LABEL_LINE = /^[\s*_>#-]*(?:\[explanation\][*_]*\s*:?|explanation[*_]*\s*:)[*_]*\s*(.*)$/i;

function clean(text: string): string {
  return text
    .trim()
    .replace(/^[*_]+|[*_]+$/g, "")
    .replace(/^["'“”]+|["'“”]+$/g, "")
    .trim();
}

/** Extracts the sentence from the explainer's last `[EXPLANATION]:` line. */
export function parseExplanation(answer: string): ParsedExplanation {
  const shown = JSON.stringify(answer.length > 200 ? `…${answer.slice(-200)}` : answer);
  if (answer.trim() === "") return { ok: false, reason: "empty-answer", detail: "the explainer answered nothing" };
  const lines = answer.split(/\r?\n/);
  let at = -1;
  let sameLine = "";
  for (let i = 0; i < lines.length; i += 1) {
    const match = LABEL_LINE.exec(lines[i]);
    if (match) [at, sameLine] = [i, clean(match[1])];
  }
  if (at < 0) {
    return { ok: false, reason: "no-explanation-line", detail: `no line starting with ${EXPLANATION_ANSWER_LABEL} in ${shown}` };
  }
  // Some models put the sentence on the line after the label.
  const explanation = sameLine || clean(lines.slice(at + 1).find((l) => l.trim() !== "") ?? "");
  if (!explanation) return { ok: false, reason: "empty-explanation", detail: `the ${EXPLANATION_ANSWER_LABEL} line is empty in ${shown}` };
  if (explanation.length > MAX_EXPLANATION_CHARS) {
    return {
      ok: false,
      reason: "explanation-too-long",
      detail: `the explanation has ${explanation.length} characters (at most ${MAX_EXPLANATION_CHARS}): ${JSON.stringify(explanation.slice(0, 80))}…`,
    };
  }
  return { ok: true, explanation };
}
