// Face of lib/llm: the OpenAI-compatible client, its config, shared prompt pieces, and the local test server.
export { readLlmConfig, normalizeBaseUrl, type LlmConfig } from "./llm-config";
export { LlmClient, type ChatMessage, type ChatRequest, type CompletionRequest, type LlmClientOptions } from "./llm-client";
export type { LlmCompletion, TokenLogprob, TopLogprob } from "./llm-completion";
export type { LlmFailure, LlmFailureKind, LlmResult } from "./llm-failure";
export type { LlmUsage } from "./llm-usage";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
export { highlightTokens, markAboveFractionOfMax, markLastToken, DELPHI_HIGHLIGHT_FRACTION } from "./highlight-tokens";
export { startTestLlmServer, type TestLlmServer, type TestServerOptions, type TestServerStep } from "./test-server";
export { startTestLlmClient, type TestLlmSetup } from "./test-client";
export { addEstimates, approxTokens, describeEstimate, messagesTokens, NO_CALLS, type CallEstimate } from "./call-estimate";
