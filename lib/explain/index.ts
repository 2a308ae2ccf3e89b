// Face of lib/explain: explainers (LLM and statistical baseline) behind one interface.
export type { ActivationExample, Explainer, ExplanationFailureReason, ExplanationResult, ExplanationSource } from "./explainer";
export { DEFAULT_EXPLAINER_MAX_TOKENS, LlmExplainer, type LlmExplainerOptions } from "./llm-explainer";
export { StatisticalExplainer, countFiringTokens, type FiringTokenCounts, type StatisticalExplainerOptions } from "./statistical-explainer";
export { enrichedTokens, type EnrichedToken, type TokenCounts } from "./token-enrichment";
export { buildExplainerMessages } from "./explainer-prompt";
export { parseExplanation } from "./explanation-parser";
export {
  estimateExplainCalls,
  explainLatents,
  explanationExamples,
  pendingLatents,
  explanationSourceId,
  EXPLANATION_EXAMPLES_PER_BIN,
  type ExplainLatentsOptions,
  type ExplainLatentsResult,
  type ExplainProgress,
  type ExplanationFailure,
} from "./explain-stage";
export { cacheTokenCounts, statisticalExplainerForCache } from "./cache-token-counts";
export { explanationProvenance, explanationSourceLabel, latentFailureNotes, provenanceCounts, scorerSourceLabel, type ExplanationProvenance, type LatentFailureNote } from "./explanation-provenance";
export { explainLatentsContrastively } from "./contrastive-explain-stage";
export { ContrastiveStatisticalExplainer, LlmContrastiveExplainer } from "./contrastive-explainer";
