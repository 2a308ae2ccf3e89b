import { describe, expect, it } from "vitest";
import { estimateDescribedSimulation } from "./described-simulation";
import { buildSimulationMessages } from "./simulation-prompt";

describe("estimateDescribedSimulation", () => {
  it("plans the paper's 32,768 latents × 10K prompts as 327,680,000 predictions", () => {
    const run = { latents: 32_768, promptsPerLatent: 10_000, windowTokens: 32, explanationChars: 60, maxTokens: 8 };
    // The prefix: the instructions and a 60-character explanation line, measured on the prompt itself.
    const prefixChars = buildSimulationMessages("x".repeat(60), []).reduce((sum, m) => sum + m.content.length, 0);
    const chat = estimateDescribedSimulation({ ...run, batch: null });
    expect(chat.calls).toBe(327_680_000);
    expect(chat.requests).toBe(327_680_000);
    expect(chat.completionTokens).toBe(327_680_000 * 8);
    expect(chat.promptTokens).toBeCloseTo(327_680_000 * (prefixChars / 4 + 34), 0);
    expect(chat.sharedPromptTokens).toBeCloseTo(32_768 * 9_999 * (prefixChars / 4), 0);
    const batched = estimateDescribedSimulation({ ...run, batch: { size: 64, promptFormat: "llama3" } });
    expect(batched.requests).toBe(32_768 * 157); // ⌈10,000 / 64⌉ per latent: batches never mix explanations
    // Llama 3 markup: 8 special tokens (3 headers of 2, 2 <|eot_id|>), "system", "user", "assistant" and 3 × "\n\n" at 4 characters a token.
    const markup = 8 + ("system".length + "user".length + "assistant".length + 6) / 4;
    expect(batched.promptTokens - chat.promptTokens).toBeCloseTo(327_680_000 * markup, 0);
  });

  it("plans nothing for no latents", () => {
    expect(estimateDescribedSimulation({ latents: 0, promptsPerLatent: 10, windowTokens: 32, explanationChars: 60, maxTokens: 8, batch: null }).calls).toBe(0);
  });
});
