import { describe, expect, it } from "vitest";
import type { StoredEvaluationRun } from "./evaluation-run-store";
import { compareRuns, runComparisonMarkdown } from "./run-comparison";

const refs = { cacheId: "1", coderKind: "transcoder", hookpoint: "layers.2.mlp", corpusSha256: "c", promptCount: "4", promptLength: "8", calibrationTarget: "cache" };
const f64 = (...x: number[]) => Float64Array.from(x);

// Two runs on four prompts (clean CE 1 each) and three latents.
function run(ceAtOne: number[], specificity: number[], detection: number[], inputRefs: Record<string, string> = refs): StoredEvaluationRun {
  return {
    inputRefs,
    result: {
      config: { seed: 3 },
      baselines: { cleanCeNats: f64(1, 1, 1, 1) },
      runs: [{ selection: "top-detection", treatment: "calibrated-quantile", fraction: 1, ceNats: f64(...ceAtOne) }],
      extras: {
        preTopKQuality: { calibrated: { sensitivity: f64(0.5, 0.5, Number.NaN), specificity: f64(...specificity) } },
        ledger: { detectionScores: f64(...detection) },
      },
    },
  } as unknown as StoredEvaluationRun;
}

describe("compareRuns", () => {
  const a = run([1.5, 1.5, 1.5, 1.5], [0.9, 0.8, 0.7], [0.6, 0.6, Number.NaN]);
  const b = run([1.2, 1.2, 1.2, 1.2], [0.95, 0.85, 0.75], [0.7, 0.5, 0.9]);

  it("pairs the Figure-3 CE per prompt and the per-latent measures per latent", () => {
    const rows = compareRuns(a, b, [1], { resamples: 100 });
    expect(rows.map((r) => r.measure)).toEqual([
      "Figure-3 CE increase at fraction 1 (top-detection, calibrated)",
      "sensitivity (calibrated, before TopK)",
      "specificity (calibrated, before TopK)",
      "detection score",
    ]);
    const [ce, sensitivity, specificity, detection] = rows;
    // CE increases 0.5 vs 0.2; every prompt 0.3 lower → a degenerate CI below 0: b beats a
    expect(ce.a).toBeCloseTo(0.5, 12);
    expect(ce.b).toBeCloseTo(0.2, 12);
    expect(ce.difference.upper).toBeCloseTo(-0.3, 12);
    expect(ce.kind).toBe("beats");
    // sensitivity equal on the two latents where it is defined
    expect([sensitivity.difference.estimate, sensitivity.pairCount]).toEqual([0, 2]);
    // specificity +0.05 on every latent
    expect(specificity.difference.lower).toBeCloseTo(0.05, 12);
    expect(specificity.kind).toBe("worse");
    // detection on latents 0 and 1: +0.1 and −0.1 → mean 0
    expect(detection.difference.estimate).toBeCloseTo(0, 12);
    expect(detection.pairCount).toBe(2);
  });

  it("prints which run is better in the measure's own direction", () => {
    const text = runComparisonMarkdown(compareRuns(a, b, [1], { resamples: 100 }), { a: "plain", b: "contrastive" });
    expect(text).toContain("| Figure-3 CE increase at fraction 1 (top-detection, calibrated) | 0.5000 | 0.2000 | -0.3000 [-0.3000, -0.3000] | 4 prompts | contrastive better |");
    expect(text).toMatch(/\| specificity \(calibrated, before TopK\) \|.*\| 3 latents \| contrastive better \|/);
  });

  it("refuses runs on other prompts", () => {
    expect(() => compareRuns(a, run([1, 1, 1, 1], [1, 1, 1], [1, 1, 1], { ...refs, promptCount: "5" }), [1], {})).toThrow(/differ in promptCount \(4 vs 5\)/);
  });
});
