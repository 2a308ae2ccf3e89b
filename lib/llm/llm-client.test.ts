import { afterEach, describe, expect, it } from "vitest";
import type { LlmClientOptions } from "./llm-client";
import type { LlmConfig } from "./llm-config";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { TestLlmServer, TestServerOptions } from "@/lib/llm/testing/test-server";
import type { TestRule } from "@/lib/llm/testing/test-server-rules";

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

  it("honours retry-after-ms before Retry-After", async () => {
    const { client, delays } = await setup({ rule: digitRule, script: [{ kind: "status", status: 429, retryAfterMs: "750", retryAfter: "30" }] });
    expect((await client.chat({ messages })).ok).toBe(true);
    expect(delays).toEqual([750]);
  });

  it("does not retry 501, llama.cpp's not_supported_error, and says what the server said", async () => {
    const { client, server } = await setup({ dialect: "llama.cpp", script: [{ kind: "error", problem: "not-supported" }] });
    const result = await client.chat({ messages });
    expect(!result.ok && result.failure).toMatchObject({ kind: "http-status", status: 501, attempts: 1 });
    expect(!result.ok && result.failure.message).toMatch(/answered HTTP 501: This server does not support this request\. \(not_supported_error\)$/);
    expect(server.requestLog).toHaveLength(1);
  });

  it("does not retry a prompt over the context size, and quotes the server", async () => {
    for (const [dialect, said] of [["llama.cpp", "the request exceeds the available context size, try increasing it (exceed_context_size_error)"], ["vllm", "This model's maximum context length is 4096 tokens."]] as const) {
      const { client } = await setup({ dialect, script: [{ kind: "error", problem: "context-too-long" }] });
      const result = await client.chat({ messages });
      expect(!result.ok && result.failure).toMatchObject({ kind: "http-status", status: 400, attempts: 1 });
      expect(!result.ok && result.failure.message).toContain(`HTTP 400: ${said}`);
      await server?.close();
    }
  });

  it("names the model and the setting when vLLM or Ollama do not know the model", async () => {
    for (const dialect of ["vllm", "ollama"] as const) {
      const { client } = await setup({ dialect, script: [{ kind: "error", problem: "unknown-model" }] }, { model: "llama-3" });
      const result = await client.chat({ messages });
      expect(!result.ok && result.failure.status).toBe(404);
      const said = dialect === "vllm" ? "The model `llama-3` does not exist. (NotFoundError)" : 'model "llama-3" not found, try pulling it first (not_found_error)';
      expect(!result.ok && result.failure.message).toContain(`HTTP 404: ${said}; check REWRITE_LLM_MODEL (llama-3)`);
      await server?.close();
    }
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

describe("LlmClient settings and what the server reports", () => {
  it("asks a thinking model not to think only when REWRITE_LLM_THINKING=off", async () => {
    const { client, server } = await setup({ rule: digitRule }, { thinking: "off" });
    await client.chat({ messages });
    expect(server.requestLog[0].body).toMatchObject({ chat_template_kwargs: { enable_thinking: false }, reasoning_effort: "none" });
    const plain = await startTestLlmClient({ rule: digitRule });
    await plain.client.chat({ messages });
    expect(plain.server.requestLog[0].body).not.toHaveProperty("chat_template_kwargs");
    expect(plain.server.requestLog[0].body).not.toHaveProperty("reasoning_effort");
    await plain.server.close();
  });

  it("uses a stage's configured max_tokens, else the stage's default", async () => {
    const { client } = await setup({}, { maxTokens: { simulate: 512 } });
    expect(client.maxTokensFor("simulate", 8)).toBe(512);
    expect(client.maxTokensFor("score", 36)).toBe(36);
  });

  it("records the model name the server reports beside the configured one", async () => {
    const { client } = await setup({ rule: digitRule, dialect: "ollama", quirks: { reportedModel: "llama3:latest" } }, { model: "llama3" });
    await client.chat({ messages });
    expect(client.model).toBe("llama3");
    expect(client.servedModels()).toEqual(["llama3:latest"]);
  });

  it("reads each server's logprob entries: llama.cpp's ids and probabilities, Ollama without logprobs, vLLM's null usage", async () => {
    const llamaCpp = await setup({ rule: digitRule, dialect: "llama.cpp", quirks: { postSamplingProbs: true } });
    const probs = await llamaCpp.client.chat({ messages, topLogprobs: 5 });
    const top = (probs.ok && probs.value.logprobs?.[1].topLogprobs) || [];
    expect(top.map((t) => [t.token, Math.exp(t.logprob)])).toEqual([["3", 0.5], ["7", 0.25], ["x", 0.25]]);
    await server?.close();
    const oldOllama = await setup({ rule: digitRule, dialect: "ollama", quirks: { noLogprobs: true } });
    const none = await oldOllama.client.chat({ messages, topLogprobs: 5 });
    expect(none.ok && none.value).toMatchObject({ text: "[3]", logprobs: null });
    await server?.close();
    const vllm = await setup({ rule: digitRule, dialect: "vllm", quirks: { completionTokensNull: true } });
    const counted = await vllm.client.chat({ messages, topLogprobs: 5 });
    expect(counted.ok && counted.value.usage).toEqual({ promptTokens: 2, completionTokens: 0 });
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
      prompts: 2,
      attempts: 4,
      retries: 1,
      failures: 1,
      promptTokens: 20,
      completionTokens: 6,
    });
  });
});
