// The offline "lexical-baseline" scorer: detection and fuzzing answered by the lexical simulator's levels instead
// of an LLM, so scores exist without a server. It measures how far string matching of the explanation gets, and is
// labelled as a baseline wherever it is stored or shown.
import type { SeededRng } from "@/lib/core/seeded-rng";
import { extractExplanationTerms } from "@/lib/simulate";
import { lexicalLevels } from "@/lib/simulate";
import { MAX_SIMULATED_LEVEL } from "@/lib/simulate";
import { type ClassificationScoreResult, summarizeClassification } from "./classification-scorer";
import { correctHighlights, fuzzingHighlightCount, randomHighlights } from "./fuzzing-highlights";
import type { ClassificationTask, ScoredExample, ScoringExample } from "./scoring-example";

export const LEXICAL_SCORER_ID = "lexical-baseline";

export interface LexicalScoringOptions {
  task: ClassificationTask;
  explanation: string;
  examples: readonly ScoringExample[];
  /** Places fuzzing's random highlights on non-activating examples. */
  rng: SeededRng;
  /** A position counts as "active" at this simulated level or above (default 1: any lexical match). */
  threshold?: number;
}

/**
 * Detection: 1 when the simulator gives some token of the example a level ≥ threshold. Fuzzing: 1 when one of
 * the highlighted tokens gets such a level. The probability (for AUC) is the highest level / 9.
 */
export function scoreByLexicalSimulation(options: LexicalScoringOptions): ClassificationScoreResult {
  return lexicalScorer(options.explanation, options.examples)(options.task, options.rng, options.threshold);
}

/** Levels every example once; the returned function scores either task from them (a latent's two tasks share them). */
export function lexicalScorer(
  explanation: string,
  examples: readonly ScoringExample[],
): (task: ClassificationTask, rng: SeededRng, threshold?: number) => ClassificationScoreResult {
  const terms = extractExplanationTerms(explanation);
  // Each position is simulated as the last token of the text up to it, as the lexical simulator is asked (§2.2).
  const levels = examples.map((e) => lexicalLevels(e.tokens, terms));
  return (task, rng, threshold = 1) => {
    const randomCount = task === "fuzzing" ? fuzzingHighlightCount(examples) : 0;
    const scored = examples.map((example, e): ScoredExample => {
      const { tokens, activations, activating } = example;
      const highlighted =
        task === "fuzzing" ? (activating ? correctHighlights(activations) : randomHighlights(tokens.length, randomCount, rng)) : undefined;
      let best = 0;
      levels[e].forEach((level, i) => {
        if (!highlighted || highlighted[i]) best = Math.max(best, level);
      });
      const prediction = best >= threshold ? 1 : 0;
      return {
        ...example,
        ...(highlighted ? { highlighted } : {}),
        prediction,
        probability: best / MAX_SIMULATED_LEVEL,
        correct: (prediction === 1) === activating,
      };
    });
    return summarizeClassification(task, scored);
  };
}
