// Face of lib/score: detection and fuzzing scoring of explanations.
export { scoreByClassification, type ClassificationScoreResult, type ClassificationScoringOptions } from "./classification-scorer";
export type { ClassificationFailureReason, ClassificationTask, ScoredExample, ScoringExample } from "./scoring-example";
export { buildClassificationMessages } from "./classification-prompt";
export { parseBinaryList, binaryProbabilities } from "./binary-answer";
