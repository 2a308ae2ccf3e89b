// Face of lib/llm: the OpenAI-compatible client, its config, and shared prompt pieces (the local test server is in testing/).
export { readLlmConfig, normalizeBaseUrl, MAX_TOKENS_VARIABLES, type LlmConfig, type LlmStage } from "./llm-config";
export {
  LlmClient,
  THINKING_OFF_FIELDS,
  type BatchCompletionRequest,
  type ChatMessage,
  type ChatRequest,
  type CompletionRequest,
  type LlmClientOptions,
} from "./llm-client";
export type { BatchCompletions } from "./batch-completions";
export { PROMPT_FORMATS, renderChatPrompt, type PromptFormat } from "./prompt-format";
export { isSetupFailure, type SetupFailureReason } from "./answer-failure";
export { FailFast, RunStoppedError, FAIL_FAST_LIMITS, type AnswerFailure } from "./fail-fast";
export type { LlmCompletion, TokenLogprob, TopLogprob } from "./llm-completion";
export type { LlmFailure, LlmFailureKind, LlmResult } from "./llm-failure";
export type { LlmUsage } from "./llm-usage";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
export { highlightTokens, markAboveFractionOfMax, markLastToken, DELPHI_HIGHLIGHT_FRACTION } from "./highlight-tokens";
export { addEstimates, approxTokens, describeEstimate, messagesTokens, NO_CALLS, type CallEstimate } from "./call-estimate";
export { describePlanTime, measuredPromptsPerS, planFor, readPlanSettings, type LlmPlan, type PlanRate, type PlanSettings } from "./llm-plan";
export { CONTEXT_LABEL, exampleLabel, EXPLANATION_ANSWER_LABEL, EXPLANATION_LABEL, LEVELS_LABEL } from "./prompt-labels";
export { CHARS_PER_TOKEN, promptTextTokens } from "./call-estimate";
export { cutOffDetail, noLogprobsDetail, shownAnswer, TOKENS_ARE_IDS_DETAIL, tokensAreIds } from "./answer-failure";
export { locateAnswer } from "./answer-tokens";
