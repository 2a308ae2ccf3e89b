import { describe, expect, it } from "vitest";
import { DEFAULT_LLM_CONCURRENCY, DEFAULT_LLM_TIMEOUT_MS, readLlmConfig } from "./llm-config";

describe("readLlmConfig", () => {
  it("returns null when no base URL is set", () => {
    expect(readLlmConfig({})).toBeNull();
    expect(readLlmConfig({ REWRITE_LLM_BASE_URL: "  ", REWRITE_LLM_MODEL: "m" })).toBeNull();
  });

  it("reads all settings and appends /v1 when missing", () => {
    const config = readLlmConfig({
      REWRITE_LLM_BASE_URL: "http://localhost:8000/",
      REWRITE_LLM_MODEL: "llama",
      REWRITE_LLM_API_KEY: "k",
      REWRITE_LLM_CONCURRENCY: "16",
      REWRITE_LLM_TIMEOUT_MS: "1500",
    });
    expect(config).toEqual({ baseUrl: "http://localhost:8000/v1", model: "llama", apiKey: "k", concurrency: 16, timeoutMs: 1500 });
  });

  it("keeps an existing /v1 and fills defaults", () => {
    const config = readLlmConfig({ REWRITE_LLM_BASE_URL: "https://api.example.com/v1", REWRITE_LLM_MODEL: "m" });
    expect(config).toEqual({
      baseUrl: "https://api.example.com/v1",
      model: "m",
      apiKey: null,
      concurrency: DEFAULT_LLM_CONCURRENCY,
      timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
    });
  });

  it("reads thinking, each stage's max_tokens and the simulator's expected value", () => {
    const base = { REWRITE_LLM_BASE_URL: "http://x", REWRITE_LLM_MODEL: "m" };
    const config = readLlmConfig({
      ...base,
      REWRITE_LLM_THINKING: "off",
      REWRITE_LLM_SIMULATE_MAX_TOKENS: "512",
      REWRITE_LLM_SCORE_MAX_TOKENS: "2048",
      REWRITE_LLM_SIMULATOR_EXPECTED_VALUE: "raw-sum",
    });
    expect(config).toMatchObject({ thinking: "off", maxTokens: { simulate: 512, score: 2048 }, simulatorExpectedValue: "raw-sum" });
    expect(config?.maxTokens?.explain).toBeUndefined();
    const plain = readLlmConfig({ ...base, REWRITE_LLM_THINKING: "on", REWRITE_LLM_SIMULATOR_EXPECTED_VALUE: "renormalized" });
    expect(plain).not.toHaveProperty("thinking");
    expect(plain).not.toHaveProperty("maxTokens");
    expect(plain).not.toHaveProperty("simulatorExpectedValue");
    expect(() => readLlmConfig({ ...base, REWRITE_LLM_THINKING: "maybe" })).toThrow(/REWRITE_LLM_THINKING must be "on".*\(got "maybe"\)/);
    expect(() => readLlmConfig({ ...base, REWRITE_LLM_EXPLAIN_MAX_TOKENS: "0" })).toThrow(/REWRITE_LLM_EXPLAIN_MAX_TOKENS must be between 1/);
  });

  it("names the variable and the offending value", () => {
    expect(() => readLlmConfig({ REWRITE_LLM_BASE_URL: "localhost:8000", REWRITE_LLM_MODEL: "m" })).toThrow(
      /REWRITE_LLM_BASE_URL must be an http\(s\) URL \(got "localhost:8000"\)/,
    );
    expect(() =>
      readLlmConfig({ REWRITE_LLM_BASE_URL: "http://x", REWRITE_LLM_MODEL: "m", REWRITE_LLM_CONCURRENCY: "0" }),
    ).toThrow(/REWRITE_LLM_CONCURRENCY must be between 1 and 1024 \(got "0"\)/);
    expect(() => readLlmConfig({ REWRITE_LLM_BASE_URL: "http://x" })).toThrow(/REWRITE_LLM_MODEL is not set/);
  });

  it("batches simulator prompts only with a prompt format named", () => {
    const base = { REWRITE_LLM_BASE_URL: "http://x", REWRITE_LLM_MODEL: "m" };
    expect(readLlmConfig({ ...base, REWRITE_LLM_BATCH_SIZE: "64", REWRITE_LLM_PROMPT_FORMAT: "llama3" })).toMatchObject({
      batch: { size: 64, promptFormat: "llama3" },
    });
    expect(readLlmConfig(base)).not.toHaveProperty("batch");
    expect(() => readLlmConfig({ ...base, REWRITE_LLM_BATCH_SIZE: "64" })).toThrow(/REWRITE_LLM_BATCH_SIZE \(64\).*set REWRITE_LLM_PROMPT_FORMAT/);
    expect(() => readLlmConfig({ ...base, REWRITE_LLM_BATCH_SIZE: "8", REWRITE_LLM_PROMPT_FORMAT: "alpaca" })).toThrow(
      /REWRITE_LLM_PROMPT_FORMAT must be one of llama3, chatml, plain.*\(got "alpaca"\)/,
    );
  });
});
