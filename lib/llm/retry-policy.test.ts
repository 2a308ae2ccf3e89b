import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfterMs, retryDelayFromHeaders } from "./retry-policy";

describe("retry policy", () => {
  it("retries 429 and 5xx only, but not 501 (llama.cpp's not_supported_error)", () => {
    expect([429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
    expect([400, 401, 404, 422, 501].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });

  it("prefers retry-after-ms (milliseconds) over Retry-After (seconds)", () => {
    expect(retryDelayFromHeaders("1500", "60", 0)).toBe(1500);
    expect(retryDelayFromHeaders("250.4", null, 0)).toBe(250);
    expect(retryDelayFromHeaders("soon", "2", 0)).toBe(2000);
    expect(retryDelayFromHeaders(null, null, 0)).toBeNull();
  });

  it("doubles the jitter ceiling per retry up to maxDelayMs", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    const nearlyOne = () => 0.999999;
    expect([0, 1, 2, 3, 4, 10].map((r) => backoffDelayMs(r, policy, nearlyOne))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
    expect(parseRetryAfterMs("Wed, 21 Oct 2026 07:28:07 GMT", now)).toBe(7000);
    expect(parseRetryAfterMs("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});
