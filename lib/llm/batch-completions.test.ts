import { describe, expect, it } from "vitest";
import { parseBatchCompletions } from "./batch-completions";

const choice = (index: number, text: string) => ({
  index,
  text,
  finish_reason: "stop",
  logprobs: { tokens: [text], token_logprobs: [Math.log(0.5)], top_logprobs: [{ [text]: Math.log(0.5), x: Math.log(0.25) }] },
});

describe("parseBatchCompletions", () => {
  it("orders vLLM's choices by index and sums nothing but the request's usage", () => {
    const parsed = parseBatchCompletions({ model: "m", choices: [choice(1, "b"), choice(0, "a")], usage: { prompt_tokens: 30, completion_tokens: 2 } }, 2);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.completions.map((c) => c.text)).toEqual(["a", "b"]);
    expect(parsed.value.completions[1].logprobs?.[0].topLogprobs).toEqual([
      { token: "b", logprob: Math.log(0.5) },
      { token: "x", logprob: Math.log(0.25) },
    ]);
    expect(parsed.value.usage).toEqual({ promptTokens: 30, completionTokens: 2 });
    expect(parsed.value.model).toBe("m");
  });

  it("reads llama.cpp's array of responses and adds their usage", () => {
    const parsed = parseBatchCompletions(
      [
        { model: "f.gguf", choices: [choice(1, "b")], usage: { prompt_tokens: 10, completion_tokens: 1 } },
        { model: "f.gguf", choices: [choice(0, "a")], usage: { prompt_tokens: 12, completion_tokens: 3 } },
      ],
      2,
    );
    expect(parsed.ok && parsed.value.completions.map((c) => c.text)).toEqual(["a", "b"]);
    expect(parsed.ok && parsed.value.usage).toEqual({ promptTokens: 22, completionTokens: 4 });
  });

  it("says which prompt is missing, doubled or out of range", () => {
    expect(parseBatchCompletions({ choices: [choice(0, "a")] }, 2)).toEqual({ ok: false, detail: "1 of 2 prompts got no choice" });
    expect(parseBatchCompletions({ choices: [choice(0, "a"), choice(0, "b")] }, 2)).toMatchObject({ ok: false, detail: expect.stringMatching(/two choices for prompt 0/) });
    expect(parseBatchCompletions({ choices: [choice(2, "a")] }, 2)).toMatchObject({ ok: false, detail: expect.stringMatching(/index 2 is not a prompt position 0–1/) });
    expect(parseBatchCompletions({ choices: [{ text: "a" }] }, 1)).toMatchObject({ ok: false, detail: expect.stringMatching(/index undefined/) });
    expect(parseBatchCompletions({ error: "x" }, 1)).toEqual({ ok: false, detail: "a response without a choices array" });
  });
});
