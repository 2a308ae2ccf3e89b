// Face of lib/evaluate: partial rewriting by fraction, CE against the baselines with bootstrap CIs (Fig. 3),
// explanation sensitivity / specificity by score (Fig. 4 / A4), and the one-latent impact for the editor.
export type { CoderAdapter } from "./coder-adapter";
export { rewriteEvaluationConfig, checkRewriteEvaluationConfig, type RewriteEvaluationConfig } from "./evaluation-config";
export type { BlockRewriteInputs, RewriteEvaluationInputs } from "./evaluation-inputs";
export type { HeldoutPrompts } from "./heldout-prompts";
export { packPromptBlocks, type HeldoutPromptBlocks } from "./pack-prompt-blocks";
export type { PromptBlock, PromptBlocks } from "./prompt-blocks";
export { predictionRowWindow, sparsePredictions, type PredictionRows, type SparsePredictions } from "./sparse-predictions";
export {
  runRewriteEvaluation,
  type BaselineCe,
  type CalibrationRecord,
  type RewriteEvaluationProgress,
  type RewriteEvaluationResult,
  type RewriteRun,
  type RewriteSummary,
  type RewriteTreatment,
} from "./rewrite-evaluation";
export { rewriteImpactOfLatent, type LatentRewriteImpact, type LatentRewriteInputs } from "./rewrite-impact";
export { chosenLatentCount, randomOrder, topScoringOrder, type SelectionMethod } from "./latent-selection";
export { summarizeCeIncreaseOverDraws } from "./draw-pooled-summary";
export { explanationQuality, type ExplanationQuality, type ScoreBinnedQuality } from "./explanation-quality";
export {
  figure3Markdown,
  figure3Table,
  formatFigure3Cell,
  type Figure3Cell,
  type Figure3ColumnId,
  type Figure3Statistic,
  type Figure3Table,
} from "./figure3-table";
export { InMemoryEvaluationRunStore, type EvaluationRunListing, type EvaluationRunStore, type StoredEvaluationRun } from "./evaluation-run-store";
