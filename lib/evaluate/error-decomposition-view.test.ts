import { describe, expect, it } from "vitest";
import type { ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import type { CeIncreaseSummary } from "@/lib/core/ce-increase";
import { DECOMPOSITION_VARIANTS } from "./decomposition-variants";
import type { ErrorDecomposition } from "./error-decomposition";
import { errorDecompositionMarkdown, errorDecompositionView } from "./error-decomposition-view";

const ci = (estimate: number, lower: number, upper: number): ConfidenceInterval => ({ estimate, lower, upper, level: 0.95, resamples: 10 });
const summary = (mean: number): CeIncreaseSummary => ({ promptCount: 2, meanIncreaseNats: ci(mean, mean - 1, mean + 1), medianAbsoluteDifferenceNats: ci(2 * mean, 0, 4 * mean) });

// One fraction; variant i has mean CE increase i; savings: false positives (0.5 [0.1, 0.9]), the rest [−1, 1].
const decomposition: ErrorDecomposition = {
  selection: "top-detection",
  missedMagnitudeRule: "the median",
  cells: DECOMPOSITION_VARIANTS.map((variant, i) => ({ variant, fraction: 1, ceNats: new Float64Array(2), summary: summary(i) })),
  savings: DECOMPOSITION_VARIANTS.filter((v) => v !== "simulated").map((variant) => ({
    variant,
    fraction: 1,
    savingNats: variant === "perfect-specificity" ? ci(0.5, 0.1, 0.9) : ci(0, -1, 1),
  })),
  forwardPassCount: 3,
};

describe("errorDecompositionView", () => {
  it("lays the cells out by fraction and variant, in the chosen statistic", () => {
    const mean = errorDecompositionView(decomposition, "mean");
    expect(mean.columns.map((c) => c.id)).toEqual([...DECOMPOSITION_VARIANTS]);
    expect(mean.rows).toEqual([{ fraction: 1, cells: [0, 1, 2, 3, 4, 5].map((m) => ({ estimate: m, lower: m - 1, upper: m + 1 })) }]);
    expect(errorDecompositionView(decomposition, "median-absolute").rows[0].cells[2]).toEqual({ estimate: 4, lower: 0, upper: 8 });
  });

  it("gives each repair's saving its paired verdict: a CI above 0 means the error costs loss", () => {
    const view = errorDecompositionView(decomposition, "mean");
    expect(view.repairs[0]).toEqual({ id: "perfect-specificity", label: "remove false positives" });
    expect(view.savings[0].cells.map((c) => c?.kind)).toEqual(["worse", "indistinguishable", "indistinguishable", "indistinguishable", "indistinguishable"]);
  });

  it("prints both tables as markdown", () => {
    const text = errorDecompositionMarkdown(errorDecompositionView(decomposition, "mean"), 0.95);
    expect(text).toContain("| 1 | 0.000 [-1.000, 1.000] | 1.000 [0.000, 2.000] |");
    expect(text).toContain("| 1 | 0.500 [0.100, 0.900] | 0.000 [-1.000, 1.000] |");
    expect(text).toContain("Missed latents: the median.");
  });
});
