export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails and says so. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * 429 (rate limit) and 5xx are transient on vLLM / OpenAI; any other 4xx means the request itself is wrong, and
 * 501 is llama.cpp's "not_supported_error": asking again cannot help.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/**
 * Exponential backoff with "full jitter": uniform in [0, min(max, base·2^retry)], so that many clients
 * throttled together do not come back in lockstep. `retry` counts from 0; `random` returns [0, 1).
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The wait a 429 / 5xx asks for: OpenAI's `retry-after-ms` (milliseconds) when present and readable, else
 * Retry-After; null when neither says.
 */
export function retryDelayFromHeaders(retryAfterMs: string | null, retryAfter: string | null, nowMs: number): number | null {
  const ms = retryAfterMs?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  return parseRetryAfterMs(retryAfter, nowMs);
}

/** Parses Retry-After (RFC 9110: delay in seconds, or an HTTP date) into milliseconds; null if absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}
