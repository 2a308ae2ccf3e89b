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

  it("says which field is wrong", () => {
    const parsed = parseLlmResponse("chat", { choices: [{ message: { content: 3 } }] });
    expect(!parsed.ok && parsed.detail).toMatch(/choices\.0\.message\.content/);
  });
});
