import { afterEach, describe, expect, it } from "vitest";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { TestLlmServer, TestServerStep } from "@/lib/llm/testing/test-server";
import { LlmExplainer } from "./llm-explainer";

let server: TestLlmServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function explainerWith(script: TestServerStep[] = []) {
  const setup = await startTestLlmClient({ script }, { model: "explainer-model", concurrency: 1 }, { retry: { maxRetries: 1 } });
  server = setup.server;
  return new LlmExplainer(setup.client);
}

const examples = [
  { tokens: ["The", " cat", " sat"], activations: [0, 5, 0] },
  { tokens: ["A", " cat", " and", " dog"], activations: [0, 9, 0, 4] },
];

describe("LlmExplainer against the test server", () => {
  it("returns the parsed explanation with its source", async () => {
    const explainer = await explainerWith();
    // Test rule: names the most often marked token (" cat" twice, " dog" once).
    expect(await explainer.explain(examples)).toEqual({
      ok: true,
      explanation: 'The token "cat".',
      source: { kind: "llm", model: "explainer-model" },
    });
    expect(explainer.id).toBe("llm:explainer-model");
  });

  it("returns typed failures", async () => {
    const explainer = await explainerWith([
      { kind: "reply", text: "Cats, I think." },
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
    ]);
    expect(await explainer.explain(examples)).toMatchObject({ ok: false, reason: "no-explanation-line" });
    expect(await explainer.explain(examples)).toMatchObject({ ok: false, reason: "llm-request-failed" });
    expect(await explainer.explain([])).toMatchObject({ ok: false, reason: "no-examples" });
  });

  it("names an answer a thinking model could not finish within max_tokens", async () => {
    const setup = await startTestLlmClient({ reasoning: "word ".repeat(600), dialect: "llama.cpp" }, { model: "explainer-model" });
    server = setup.server;
    const outcome = await new LlmExplainer(setup.client).explain(examples);
    expect(outcome).toMatchObject({ ok: false, reason: "answer-cut-off" });
    expect(!outcome.ok && outcome.detail).toMatch(/cut off at max_tokens 500 .*before the explanation line.*REWRITE_LLM_EXPLAIN_MAX_TOKENS/);
  });
});
