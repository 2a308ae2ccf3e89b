import { afterEach, describe, expect, it } from "vitest";
import type { LlmClientOptions } from "./llm-client";
import type { LlmConfig } from "./llm-config";
import { startTestLlmClient } from "./test-client";
import type { TestLlmServer, TestServerOptions } from "./test-server";
import type { TestRule } from "./test-server-rules";

let server: TestLlmServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const digitRule: TestRule = () => [
  { token: "[" },
  { token: "3", top: [["3", 0.5], ["7", 0.25], ["x", 0.25]] },
  { token: "]" },
];

async function setup(serverOptions: TestServerOptions, config: Partial<LlmConfig> = {}, clientOptions: LlmClientOptions = {}) {
  const setup = await startTestLlmClient(serverOptions, { apiKey: "secret", ...config }, clientOptions);
  server = setup.server;
  return setup;
}

const messages = [{ role: "user" as const, content: "say three" }];

describe("LlmClient success paths", () => {
  it("parses chat completions with logprobs into typed tokens", async () => {
    const { client, server } = await setup({ rule: digitRule });
    const result = await client.chat({ messages, topLogprobs: 5, maxTokens: 4 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toBe("[3]");
    expect(result.value.logprobs?.map((t) => t.token)).toEqual(["[", "3", "]"]);
    const top = result.value.logprobs?.[1].topLogprobs ?? [];
    expect(top.map((t) => t.token)).toEqual(["3", "7", "x"]);
    expect(top[1].logprob).toBeCloseTo(Math.log(0.25), 12);
    expect(result.value.usage).toEqual({ promptTokens: 2, completionTokens: 3 });
    const sent = server.requestLog[0].body;
    expect(sent).toMatchObject({ model: "test-model", logprobs: true, top_logprobs: 5, max_tokens: 4, temperature: 0 });
  });

  it("parses the completions format (token_logprobs, top_logprobs as objects) into the same shape", async () => {
    const { client, server } = await setup({ rule: digitRule });
    const result = await client.complete({ prompt: "say three", topLogprobs: 3 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toBe("[3]");
    expect(result.value.logprobs?.[1].logprob).toBeCloseTo(Math.log(0.5), 12);
    expect(result.value.logprobs?.[1].topLogprobs.map((t) => t.token)).toEqual(["3", "7", "x"]);
    expect(server.requestLog[0]).toMatchObject({ path: "/v1/completions", body: { logprobs: 3 } });
  });

  it("returns null logprobs when the server sends none", async () => {
    const { client } = await setup({ rule: digitRule, script: [{ kind: "no-logprobs" }] });
    const result = await client.chat({ messages, topLogprobs: 5 });
    expect(result.ok && result.value.logprobs).toBe(null);
  });
});

describe("LlmClient retries", () => {
  it("honours Retry-After on 429, backs off on 500, then succeeds", async () => {
    const { client, delays, server } = await setup({
      rule: digitRule,
      script: [{ kind: "status", status: 429, retryAfter: "2" }, { kind: "status", status: 500 }],
    });
    const result = await client.chat({ messages });
    expect(result.ok).toBe(true);
    // 2 s from the header; then full jitter on retry 1: 0.5 × min(30 000, 500·2¹) = 500 ms.
    expect(delays).toEqual([2000, 500]);
    expect(server.requestLog.map((r) => r.step)).toEqual(["status", "status", "rule"]);
    expect(client.usage()).toMatchObject({ calls: 1, attempts: 3, retries: 2, failures: 0 });
  });

  it("retries after a timeout", async () => {
    const { client, server } = await setup({ rule: digitRule, script: [{ kind: "hang" }] }, { timeoutMs: 300 });
    const result = await client.chat({ messages });
    expect(result.ok).toBe(true);
    expect(server.requestLog.map((r) => r.step)).toEqual(["hang", "rule"]);
    expect(client.usage().retries).toBe(1);
  });

  it("gives up after maxRetries with a message naming the status and the attempts", async () => {
    const script = Array.from({ length: 3 }, () => ({ kind: "status" as const, status: 503, body: "overloaded" }));
    const { client } = await setup({ script }, {}, { retry: { maxRetries: 2 } });
    const result = await client.chat({ messages });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: "http-status", status: 503, attempts: 3 });
    expect(result.failure.message).toContain("HTTP 503: overloaded");
    expect(result.failure.message).toContain("gave up after 3 attempts");
  });

  it("does not retry other 4xx", async () => {
    const { client, server } = await setup({ script: [{ kind: "status", status: 400, body: "bad model" }] });
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure).toMatchObject({ kind: "http-status", status: 400, attempts: 1 });
    expect(server.requestLog).toHaveLength(1);
  });

  it("fails instead of waiting out a Retry-After beyond the policy", async () => {
    const { client, delays } = await setup({ script: [{ kind: "status", status: 429, retryAfter: "600" }] });
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure.kind).toBe("retry-after-too-long");
    expect(delays).toEqual([]);
  });

  it("reports network errors after retrying them", async () => {
    const { client, server } = await setup({});
    await server.close();
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure).toMatchObject({ kind: "network", attempts: 5 });
  });

  it("stops at once when the caller aborts", async () => {
    const { client } = await setup({ script: [{ kind: "hang" }] });
    const controller = new AbortController();
    const pending = client.chat({ messages, signal: controller.signal });
    controller.abort();
    const result = await pending;
    expect(!result.ok && result.failure.kind).toBe("aborted");
  });
});

describe("LlmClient bad answers", () => {
  it("turns a non-JSON body into an invalid-json failure without retrying", async () => {
    const { client, server } = await setup({ script: [{ kind: "garbage" }] });
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure).toMatchObject({ kind: "invalid-json", attempts: 1 });
    expect(!result.ok && result.failure.message).toContain("{not json at all");
    expect(server.requestLog).toHaveLength(1);
  });

  it("turns JSON of the wrong shape into an invalid-shape failure naming the field", async () => {
    const { client } = await setup({ script: [{ kind: "status", status: 200, body: '{"choices":[]}' }] });
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure.kind).toBe("invalid-shape");
    expect(!result.ok && result.failure.message).toContain("choices");
  });
});

describe("LlmClient limits and accounting", () => {
  it("never has more requests in flight than the concurrency limit", async () => {
    const { client, server } = await setup({ rule: digitRule, holdUntilInFlight: 2 }, { concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.chat({ messages })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.maxInFlight()).toBe(2);
  });

  it("adds up calls, attempts, retries, failures and tokens", async () => {
    const { client } = await setup({
      rule: digitRule,
      usage: { promptTokens: 10, completionTokens: 3 },
      script: [{ kind: "status", status: 500 }, { kind: "rule" }, { kind: "rule" }, { kind: "status", status: 404 }],
    });
    for (let i = 0; i < 3; i += 1) await client.chat({ messages });
    expect(client.usage()).toEqual({
      calls: 3,
      attempts: 4,
      retries: 1,
      failures: 1,
      promptTokens: 20,
      completionTokens: 6,
    });
  });
});
