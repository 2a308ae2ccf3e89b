import { describe, expect, it } from "vitest";
import { parseLlmResponse } from "./llm-completion";

describe("parseLlmResponse", () => {
  it("accepts chat-format logprobs on the completions endpoint (llama.cpp does this)", () => {
    const json = {
      choices: [{ text: "[1]", logprobs: { content: [{ token: "1", logprob: -0.1, top_logprobs: [{ token: "1", logprob: -0.1 }] }] } }],
    };
    const parsed = parseLlmResponse("completions", json);
    expect(parsed.ok && parsed.completion.logprobs).toEqual([
      { token: "1", logprob: -0.1, topLogprobs: [{ token: "1", logprob: -0.1 }] },
    ]);
    expect(parsed.ok && parsed.completion.usage).toBeNull();
  });

  it("keeps a null token logprob from the completions format", () => {
    const json = { choices: [{ text: "a", logprobs: { tokens: ["a"], token_logprobs: [null], top_logprobs: [null] } }] };
    const parsed = parseLlmResponse("completions", json);
    expect(parsed.ok && parsed.completion.logprobs).toEqual([{ token: "a", logprob: null, topLogprobs: [] }]);
  });

  it("treats a null message content as empty text", () => {
    const parsed = parseLlmResponse("chat", { choices: [{ message: { content: null }, finish_reason: "length" }] });
    expect(parsed.ok && parsed.completion).toMatchObject({ text: "", finishReason: "length", logprobs: null });
  });

  it("keeps a thinking model's reasoning apart from the answer (vLLM, Ollama: reasoning; llama.cpp, older vLLM: reasoning_content)", () => {
    for (const field of ["reasoning", "reasoning_content"]) {
      const parsed = parseLlmResponse("chat", { choices: [{ message: { content: "[3]", [field]: "Hmm, maybe [5]." } }] });
      expect(parsed.ok && parsed.completion).toMatchObject({ text: "[3]", reasoning: "Hmm, maybe [5]." });
    }
    const plain = parseLlmResponse("chat", { choices: [{ message: { content: "[3]" } }] });
    expect(plain.ok && plain.completion.reasoning).toBeNull();
  });

  it("reads llama.cpp's post-sampling probabilities (prob, top_probs) as log-probabilities", () => {
    const entry = { id: 18, token: "3", bytes: [51], prob: 0.5, top_probs: [{ id: 18, token: "3", bytes: [51], prob: 0.5 }, { id: 22, token: "7", bytes: [55], prob: 0.25 }] };
    const parsed = parseLlmResponse("chat", { choices: [{ message: { content: "3" }, logprobs: { content: [entry] } }] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [token] = parsed.completion.logprobs ?? [];
    expect(token.logprob).toBeCloseTo(Math.log(0.5), 12);
    expect(token.topLogprobs.map((t) => [t.token, Math.exp(t.logprob)])).toEqual([["3", 0.5], ["7", 0.25]]);
    const none = parseLlmResponse("chat", { choices: [{ message: { content: "3" }, logprobs: { content: [{ token: "3" }] } }] });
    expect(!none.ok && none.detail).toMatch(/needs logprob or prob/);
  });

  it("counts usage.completion_tokens: null (vLLM's UsageInfo allows it) as 0", () => {
    const parsed = parseLlmResponse("chat", { choices: [{ message: { content: "x" } }], usage: { prompt_tokens: 7, completion_tokens: null } });
    expect(parsed.ok && parsed.completion.usage).toEqual({ promptTokens: 7, completionTokens: 0 });
  });

  it("says which field is wrong", () => {
    const parsed = parseLlmResponse("chat", { choices: [{ message: { content: 3 } }] });
    expect(!parsed.ok && parsed.detail).toMatch(/choices\.0\.message\.content/);
  });
});
