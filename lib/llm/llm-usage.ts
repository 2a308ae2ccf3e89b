/**
 * Token and call accounting for one client; `calls` are logical requests, `attempts` the HTTP requests behind them,
 * `prompts` those answered (a batched request answers several).
 */
export interface LlmUsage {
  calls: number;
  prompts: number;
  attempts: number;
  retries: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
}

export function emptyUsage(): LlmUsage {
  return { calls: 0, prompts: 0, attempts: 0, retries: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
}
