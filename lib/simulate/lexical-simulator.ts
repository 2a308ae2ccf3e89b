import { extractExplanationTerms, type ExplanationTerms, lightStem, normalizeText } from "./explanation-terms";
import {
  type ContextTokens,
  emptyContextFailure,
  MAX_SIMULATED_LEVEL,
  type SimulateOptions,
  type SimulationOutcome,
  type Simulator,
} from "./simulator";

// Level of a match on the simulated token itself; a match d tokens earlier scores floor(level / (d + 1)).
export const LEXICAL_LEVELS = { quoted: MAX_SIMULATED_LEVEL, word: 7, stem: 5 } as const;
/** How many tokens before the simulated one may still match. */
export const LEXICAL_LOOKBACK = 3;
// Enough preceding tokens to spell out a multi-token quoted phrase or a word split into sub-word tokens.
const SPELLING_TOKENS = 12;

/** Lexical level (0–9) of a match ending at token `end`, ignoring distance. */
function levelAt(context: ContextTokens, end: number, terms: ExplanationTerms): number {
  if (context[end].trim() === "") return 0;
  const spelled = normalizeText(context.slice(Math.max(0, end - SPELLING_TOKENS), end + 1).join(""));
  let level = 0;
  for (const phrase of terms.quoted) {
    const before = spelled.length - phrase.length - 1;
    // The phrase must end at this token and start at a word boundary ("a" must not match "pizza").
    const startsWord = before < 0 || !/[\p{L}\p{N}]/u.test(spelled[before]) || !/[\p{L}\p{N}]/u.test(phrase[0]);
    if (spelled.endsWith(phrase) && startsWord) return LEXICAL_LEVELS.quoted;
  }
  const lastWord = /[\p{L}\p{N}]+$/u.exec(spelled)?.[0];
  if (!lastWord || !/[\p{L}\p{N}]/u.test(context[end])) return level;
  for (const word of terms.words) {
    if (word === lastWord) return LEXICAL_LEVELS.word;
    if (lightStem(word) === lightStem(lastWord)) level = LEXICAL_LEVELS.stem;
  }
  return level;
}

/** The lexical baseline's 0–9 prediction for the last token of `context`. */
export function lexicalLevel(context: ContextTokens, terms: ExplanationTerms): number {
  let best = 0;
  for (let distance = 0; distance <= LEXICAL_LOOKBACK && distance < context.length; distance += 1) {
    const level = levelAt(context, context.length - 1 - distance, terms);
    best = Math.max(best, Math.floor(level / (distance + 1)));
  }
  return best;
}

/** lexicalLevel of every prefix of `tokens` (position i as the last token), matching each position once. */
export function lexicalLevels(tokens: ContextTokens, terms: ExplanationTerms): number[] {
  const matched = tokens.map((_, end) => levelAt(tokens, end, terms));
  return matched.map((_, i) => {
    let best = 0;
    for (let distance = 0; distance <= LEXICAL_LOOKBACK && distance <= i; distance += 1) {
      best = Math.max(best, Math.floor(matched[i - distance] / (distance + 1)));
    }
    return best;
  });
}

/**
 * Offline simulator baseline: scores the marked token and its left context against the words and quoted strings
 * the explanation mentions. Deterministic and instant; it bounds what an LLM simulator adds beyond string matching.
 */
export class LexicalSimulator implements Simulator {
  readonly id = "lexical-baseline";
  readonly kind = "baseline" as const;

  async simulate(
    explanation: string,
    contexts: readonly ContextTokens[],
    options: SimulateOptions = {},
  ): Promise<SimulationOutcome[]> {
    const terms = extractExplanationTerms(explanation);
    return contexts.map((context, index) => {
      const outcome: SimulationOutcome =
        context.length === 0 ? emptyContextFailure(index) : { ok: true, prediction: lexicalLevel(context, terms) };
      options.onProgress?.({ index, outcome, done: index + 1, total: contexts.length });
      return outcome;
    });
  }
}
