import { afterEach, describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { startTestLlmClient } from "@/lib/llm/test-client";
import type { TestLlmServer, TestServerStep } from "@/lib/llm/test-server";
import { scoreByClassification } from "./classification-scorer";
import type { ScoringExample } from "./scoring-example";

let server: TestLlmServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientWith(script: TestServerStep[] = []) {
  const setup = await startTestLlmClient({ script }, { concurrency: 2 }, { retry: { maxRetries: 0 } });
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
