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
export { latestRunOfPack } from "./latest-pack-run";
export { ledgerOfRun, loadLedgerPageData, parseLedgerQuery, type LedgerQuery, type LedgerRowWithExplanation, type ProxyView } from "./ledger-page-data";
export { PROXIES, type ProxyScore } from "./proxy-agreement";
export { listRunItems, loadRunPageData, runPageDataOf, type CalibrationQualityView, type RunPageData, type ScoreBinQuality } from "./run-page-data";
export { loadPromptPageData, type PromptPageData } from "./prompt-page-data";
export { loadRunComparison, type RunComparisonPageData } from "./run-comparison-page-data";
export { loadRunList, type RunListEntry } from "./run-list-data";
export { LEDGER_SORTS, ledgerCsv, sortLedgerRows, type Estimate, type LedgerSort } from "./ledger-rows";
export type { DecompositionVariant } from "./decomposition-variants";
export { errorDecompositionMarkdown, errorDecompositionView, type ErrorDecompositionView } from "./error-decomposition-view";
export { runHeadline } from "./run-headline";
export { describePairedVerdicts, pairedVerdicts, type PairedVerdict } from "./reference-verdict";
export type { LatentCostOnPrompt, PromptLoss } from "./prompt-costs";
export type { ProtocolChoice } from "./run-protocol";
export { compareRuns, comparisonVerdict, runComparisonMarkdown } from "./run-comparison";
export { evaluationStageSettings, type EvaluationStageSettings } from "./evaluation-settings";
export { heldoutPromptContexts, heldoutPrompts } from "./heldout-prompts";
export { packCoderAdapter } from "./pack-coder-adapter";
export { packEvaluationInputs } from "./pack-evaluation-inputs";
export { stagePredictRaw } from "./simulation-matrix";
export { evaluationRunExtras, runEvaluationStage, type EvaluationStep } from "./evaluation-stage";
export { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
export { EVALUATION_JOB_KIND, evaluationJobHandler, type EvaluationJobParams, type SimulatorChoice } from "./evaluation-job";
export { UNREWRITTEN_LATENTS, type UnrewrittenLatents } from "./rewritten-topk";
export { latentLedger } from "./latent-ledger";
