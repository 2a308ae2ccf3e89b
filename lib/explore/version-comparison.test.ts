import { describe, expect, it } from "vitest";
import type { ExplanationSimulationResult, RewriteImpactData } from "./explorer-data";
import { compareVersions, comparisonVerdict } from "./version-comparison";

// Four contexts, truth (0, 0, 2, 3). Parent: raw (3, 0, 0, 5), calibrated (1, 0, 0, 2) → sensitivity 1/2, specificity
// 1/2. Child: raw (0, 0, 4, 5), calibrated (0, 0, 1, 2) → sensitivity 1, specificity 1.
const truth = [0, 0, 2, 3];
const simulation = (raw: number[], calibrated: (number | null)[], impact: Partial<RewriteImpactData> | null, contextKey = "k") =>
  ({
    paired: { contextKey, truth, raw, calibrated },
    rewriteImpact: impact ? { meanCeChangeNats: 0, promptCount: 10, changedPromptCount: 10, missingPredictionCount: 0, promptSetKey: "dev", ...impact } : null,
  }) as unknown as ExplanationSimulationResult;
// Ten development prompts, each 0.1 nats cheaper in the child.
const parentCe = Array.from({ length: 10 }, (_, i) => 0.2 + i / 100);
const childCe = parentCe.map((x) => x - 0.1);

describe("compareVersions", () => {
  const parent = { id: 1, simulation: simulation([3, 0, 0, 5], [1, 0, 0, 2], { ceChangeNats: parentCe }) };
  const child = { id: 2, simulation: simulation([0, 0, 4, 5], [0, 0, 1, 2], { ceChangeNats: childCe }) };

  it("gives each metric's change with its paired CI", () => {
    const c = compareVersions(parent, child, { resamples: 200 });
    const change = Object.fromEntries(c.changes.map((m) => [m.metric, m]));
    // r(child) = 11.75 / √(6.75 · 20.75) = 0.99283; r(parent) = 5 / √(6.75 · 18) = 0.45361 → Δ 0.53922
    expect(change.correlation.estimate).toBeCloseTo(0.53922, 4);
    expect(change.sensitivity.estimate).toBe(0.5);
    expect(change.specificity.estimate).toBe(0.5);
    // Every resample of the prompts has Δ = −0.1: a degenerate CI below 0, and lower CE is better.
    expect(change["rewrite-impact"].estimate).toBeCloseTo(-0.1, 12);
    expect(change["rewrite-impact"].upper).toBeCloseTo(-0.1, 12);
    expect(change["rewrite-impact"].verdict).toBe("better");
    expect(change["rewrite-impact"].pairCount).toBe(10);
    // Every sensitivity resample is 1 − 1/2, 1 − 0 or 1 − 1 (when it draws only context 3): within [0, 1].
    expect(change.sensitivity.lower).toBeGreaterThanOrEqual(0);
    expect(c.notes).toEqual([]);
  });

  it("pairs only the same contexts and prompts, and says why not", () => {
    const elsewhere = { id: 3, simulation: simulation([0, 0, 4, 5], [0, 0, 1, 2], { ceChangeNats: childCe, promptSetKey: "other" }, "k2") };
    const c = compareVersions(parent, elsewhere);
    expect(c.changes).toEqual([]);
    expect(c.notes).toEqual(["the two versions were simulated on different contexts", "Δrewrite impact: the versions were measured on different development prompts"]);
    const old = { id: 4, simulation: { rewriteImpact: null } as unknown as ExplanationSimulationResult };
    expect(compareVersions(old, child).notes[0]).toMatch(/version 4's simulation was stored before per-context values were kept/);
  });

  it("calls the verdict by the metric's better side", () => {
    expect(comparisonVerdict("sensitivity", { lower: 0.01, upper: 0.2 })).toBe("better");
    expect(comparisonVerdict("sensitivity", { lower: -0.2, upper: -0.01 })).toBe("worse");
    expect(comparisonVerdict("rewrite-impact", { lower: 0.001, upper: 0.01 })).toBe("worse");
    expect(comparisonVerdict("correlation", { lower: -0.1, upper: 0.1 })).toBe("no detectable difference");
  });
});
