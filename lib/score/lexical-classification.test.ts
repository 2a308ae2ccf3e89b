import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { scoreByLexicalSimulation } from "./lexical-classification";
import type { ScoringExample } from "./scoring-example";

const example = (tokens: string[], activations: number[], activating: boolean): ScoringExample => ({ tokens, activations, activating });

// The lexical simulator gives 9 on the quoted word itself and ⌊9 / (d + 1)⌋ d tokens after it (d ≤ 3).
const explanation = 'the word "cat"';

describe("scoreByLexicalSimulation", () => {
  const detectionExamples = [
    example(["The", " cat", " sat"], [0, 1, 0], true), // best 9 (on " cat")
    example([" cat", " and", " dog"], [0, 0, 1], true), // best 9 (on " cat")
    example([" a", " dog"], [0, 1], true), // 0
    example([" the", " cat"], [0, 0], false), // 9
    example([" no", " way"], [0, 0], false), // 0
  ];

  it("detection: 1 when any token reaches the threshold; scores by hand", () => {
    const result = scoreByLexicalSimulation({ task: "detection", explanation, examples: detectionExamples, rng: createSeededRng(1) });
    expect(result.examples.map((e) => e.prediction)).toEqual([1, 1, 0, 1, 0]);
    expect(result.examples.map((e) => e.probability)).toEqual([1, 1, 0, 1, 0]);
    // TP 2, FN 1, FP 1, TN 1: recall 2/3, specificity 1/2.
    expect(result.scores.balancedAccuracy).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(result.scores.precision).toBeCloseTo(2 / 3, 12);
    // Positives {1, 1, 0} vs negatives {1, 0}: pairs won 0.5 + 1 + 0.5 + 1 + 0 + 0.5 of 6.
    expect(result.auc).toBeCloseTo(3.5 / 6, 12);
    expect(result).toMatchObject({ answered: 5, failed: 0, task: "detection" });
  });

  it("fuzzing: only the highlighted tokens count; a higher threshold turns weak matches into 0", () => {
    const examples = [
      example([" cat", " sat"], [0, 1], true), // highlight " sat": one after "cat" → ⌊9/2⌋ = 4
      example([" cat", " and", " dog"], [0, 0, 1], true), // highlight " dog": two after "cat" → 3
      example([" a", " dog"], [0, 1], true), // 0
      example([" cat", " cat"], [0, 0], false), // one random highlight (the mean count is 1): 9 either way
      example([" x", " y"], [0, 0], false), // 0
    ];
    const loose = scoreByLexicalSimulation({ task: "fuzzing", explanation, examples, rng: createSeededRng(2) });
    expect(loose.examples.map((e) => e.prediction)).toEqual([1, 1, 0, 1, 0]);
    expect(loose.examples.map((e) => e.probability)).toEqual([4 / 9, 3 / 9, 0, 1, 0]);
    expect(loose.examples.map((e) => e.highlighted?.filter(Boolean).length)).toEqual([1, 1, 1, 1, 1]);
    const strict = scoreByLexicalSimulation({ task: "fuzzing", explanation, examples, rng: createSeededRng(2), threshold: 4 });
    expect(strict.examples.map((e) => e.prediction)).toEqual([1, 0, 0, 1, 0]);
    // TP 1, FN 2, FP 1, TN 1.
    expect(strict.scores.balancedAccuracy).toBeCloseTo((1 / 3 + 1 / 2) / 2, 12);
  });
});
