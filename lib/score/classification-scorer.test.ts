import { afterEach, describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { LlmConfig } from "@/lib/llm";
import type { TestLlmServer, TestServerOptions, TestServerStep } from "@/lib/llm/testing/test-server";
import { scoreByClassification } from "./classification-scorer";
import type { ScoringExample } from "./scoring-example";

let server: TestLlmServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientWith(script: TestServerStep[] = [], options: TestServerOptions = {}, config: Partial<LlmConfig> = {}) {
  const setup = await startTestLlmClient({ script, ...options }, { concurrency: 2, ...config }, { retry: { maxRetries: 0 } });
  server = setup.server;
  return setup.client;
}

const example = (tokens: string[], activations: number[], activating: boolean): ScoringExample => ({ tokens, activations, activating });

// Test rule: answers 1 when the explanation's quoted word ("cat") occurs in the excerpt (or in its highlights),
// with P(chosen) = 0.8.
const explanation = 'the word "cat"';

describe("scoreByClassification: detection", () => {
  it("scores hand-checkable answers", async () => {
    const client = await clientWith();
    const examples = [
      example(["The", " cat", " sat"], [0, 5, 0], true), // TP
      example(["My", " cat"], [0, 3], true), // TP
      example(["A", " kitten"], [0, 4], true), // FN
      example(["A", " dog"], [0, 0], false), // TN
      example(["Con", "cat", "enate"], [0, 0, 0], false), // FP ("concatenate" contains "cat")
      example(["A", " bird"], [0, 0], false), // TN
    ];
    const result = await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(1), examplesPerPrompt: 4 });
    expect(server?.requestLog).toHaveLength(2); // 4 + 2 excerpts
    expect(result.examples.map((e) => e.prediction)).toEqual([1, 1, 0, 0, 1, 0]);
    expect(result.examples.map((e) => e.correct)).toEqual([true, true, false, true, false, true]);
    // TP 2, FN 1, TN 2, FP 1 → recall = specificity = precision = F1 = balanced accuracy = 2/3
    expect(result.scores.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(result.scores.precision).toBeCloseTo(2 / 3, 12);
    expect(result.scores.f1).toBeCloseTo(2 / 3, 12);
    // Probabilities .8 for answered 1, .2 for 0. Positives {.8,.8,.2} vs negatives {.2,.8,.2}:
    // wins 4, ties 4 (count ½) → (4 + 2)/9 = 2/3.
    expect(result.examples[0].probability).toBeCloseTo(0.8, 12);
    expect(result.auc).toBeCloseTo(2 / 3, 12);
    expect(result).toMatchObject({ answered: 6, failed: 0 });
  });

  it("shuffles reproducibly: the same seed gives the same prompts", async () => {
    const client = await clientWith();
    const examples = Array.from({ length: 6 }, (_, i) => example(["w", ` ${i}`], [0, 1], i % 2 === 0));
    await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(5), examplesPerPrompt: 6 });
    await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(5), examplesPerPrompt: 6 });
    const [first, second] = server?.requestLog.map((r) => JSON.stringify(r.body.messages)) ?? [];
    expect(first).toBe(second);
  });

  it("leaves the examples of a failed prompt unanswered, with the reason", async () => {
    const client = await clientWith([{ kind: "reply", text: "I cannot help with that." }]);
    const examples = [example(["The", " cat"], [0, 5], true), example(["A", " dog"], [0, 0], false)];
    const result = await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(1) });
    expect(result.examples.map((e) => e.failure?.reason)).toEqual(["no-list", "no-list"]);
    expect(result).toMatchObject({ answered: 0, failed: 2 });
    expect(result.scores.balancedAccuracy).toBeNaN();
  });
});

function expectProbabilities(scored: { prediction: 0 | 1 | null; probability: number | null }[]) {
  expect(scored.map((e) => e.prediction)).toEqual([1, 0, 1, 0, 1]);
  scored.forEach((e) => expect(e.probability).toBeCloseTo(e.prediction === 1 ? 0.8 : 0.2, 12));
}

describe("scoreByClassification against each server's answers", () => {
  const examples = [
    example(["The", " cat", " sat"], [0, 5, 0], true), // 1
    example(["A", " dog"], [0, 0], false), // 0
    example(["My", " cat"], [0, 3], true), // 1
    example(["A", " kitten"], [0, 4], true), // 0
    example(["Con", "cat", "enate"], [0, 0, 0], false), // 1
  ];

  it("reads each answer's P(1) from the list itself, however spelled and whatever prose follows", async () => {
    const styles = [{ after: " (1 = yes, 0 = no)" }, { digits: "leading-space" }, { digits: "merged-bracket", after: " (1 = yes)" }, { before: "Answers 1-5: " }] as const;
    for (const answerStyle of styles) {
      const client = await clientWith([], { dialect: "vllm", answerStyle }, { maxTokens: { score: 64 } });
      const result = await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(1) });
      // The rule answers with P(chosen) = .8: P(1) = .8 where it answered 1, .2 where 0.
      expectProbabilities(result.examples);
      // Positives {.8, .8, .2} vs negatives {.2, .8}: 6 pairs, 2 wins, 3 ties (count ½), 1 loss → 3.5/6.
      expect(result.auc).toBeCloseTo(3.5 / 6, 12);
      expect(result.promptsWithoutLogprobs).toBe(0);
      await server?.close();
    }
  });

  it("skips a thinking model's reasoning, and names a cut-off answer", async () => {
    const reasoning = "Example 1 has cat, so [1]; the scale is 0-1.";
    const roomy = await clientWith([], { dialect: "ollama", reasoning }, { maxTokens: { score: 80 } });
    const read = await scoreByClassification({ task: "detection", explanation, examples, client: roomy, rng: createSeededRng(1) });
    expectProbabilities(read.examples);
    await server?.close();
    const tight = await clientWith([], { dialect: "ollama", reasoning });
    const cut = await scoreByClassification({ task: "detection", explanation, examples, client: tight, rng: createSeededRng(1) });
    expect(cut.examples.map((e) => e.failure?.reason)).toEqual(Array(5).fill("answer-cut-off"));
    expect(cut.examples[0].failure?.detail).toMatch(/max_tokens 36 .*REWRITE_LLM_SCORE_MAX_TOKENS/);
  });

  it("counts the prompts answered without logprobs (an Ollama before 0.12.11): answers kept, no probabilities", async () => {
    const client = await clientWith([], { dialect: "ollama", quirks: { noLogprobs: true } });
    const result = await scoreByClassification({ task: "detection", explanation, examples, client, rng: createSeededRng(1), examplesPerPrompt: 2 });
    expect(result).toMatchObject({ answered: 5, promptsWithoutLogprobs: 3 });
    expect(result.examples.every((e) => e.probability === null)).toBe(true);
    expect(result.auc).toBeNaN();
    await server?.close();
    // vLLM's tokens-as-ids mode: logprobs come, but name ids; as good as none.
    const ids = await clientWith([], { dialect: "vllm", quirks: { tokensAsIds: true } });
    const named = await scoreByClassification({ task: "detection", explanation, examples, client: ids, rng: createSeededRng(1) });
    expect(named).toMatchObject({ answered: 5, promptsWithoutLogprobs: 1 });
    expect(named.examples.every((e) => e.probability === null)).toBe(true);
  });

});

describe("scoreByClassification: fuzzing", () => {
  it("shows true highlights on activating examples and as many random ones on the others", async () => {
    const client = await clientWith();
    const examples = [
      example(["The", " cat", " sat"], [0, 5, 0], true), // highlight " cat" → 1 (TP)
      example(["My", " cat", " ran"], [0, 3, 0], true), // → 1 (TP)
      example(["The", " cat", " sat"], [0, 0, 6], true), // highlight " sat" → 0 (FN)
      example(["A", " dog", " barked"], [0, 0, 0], false), // one random highlight, no "cat" → 0 (TN)
      example(["Big", " red", " bus"], [0, 0, 0], false), // TN
      example(["Two", " small", " birds"], [0, 0, 0], false), // TN
    ];
    const result = await scoreByClassification({ task: "fuzzing", explanation, examples, client, rng: createSeededRng(3) });
    expect(result.examples.slice(0, 3).map((e) => e.highlighted)).toEqual([
      [false, true, false],
      [false, true, false],
      [false, false, true],
    ]);
    // Each activating example has 1 true highlight, so each non-activating one gets 1 random highlight.
    expect(result.examples.slice(3).map((e) => e.highlighted?.filter(Boolean).length)).toEqual([1, 1, 1]);
    expect(result.examples.map((e) => e.prediction)).toEqual([1, 1, 0, 0, 0, 0]);
    // TPR 2/3, TNR 1 → balanced accuracy 5/6
    expect(result.scores.balancedAccuracy).toBeCloseTo(5 / 6, 12);
  });
});
