// Face of lib/score: detection and fuzzing scoring of explanations.
export { scoreByClassification, type ClassificationScoreResult, type ClassificationScoringOptions } from "./classification-scorer";
export type { ClassificationFailureReason, ClassificationTask, ScoredExample, ScoringExample } from "./scoring-example";
export { buildClassificationMessages } from "./classification-prompt";
export { parseBinaryList, binaryProbabilities } from "./binary-answer";
export { classificationMaxTokens, DEFAULT_EXAMPLES_PER_PROMPT, summarizeClassification } from "./classification-scorer";
export { lexicalScorer, scoreByLexicalSimulation, LEXICAL_SCORER_ID, type LexicalScoringOptions } from "./lexical-classification";
export { scoringWindows, type ScoringWindows, type ScoringWindowOptions } from "./scoring-windows";
export { scoreDetails, type ScoreDetails } from "./score-details";
export {
  estimateScoreCalls,
  planScores,
  scoreLatents,
  type LatentScoreOutcome,
  type ScoreFailureReason,
  type ScoreLatentsOptions,
  type ScoreLatentsResult,
  type ScorePlan,
  type ScoreProgress,
} from "./score-stage";
