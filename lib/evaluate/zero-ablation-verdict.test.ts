import { describe, expect, it } from "vitest";
import type { Figure3Cell, Figure3Table } from "./figure3-table";
import { describeZeroAblationVerdict, zeroAblationVerdicts } from "./zero-ablation-verdict";

const cell = (estimate: number, lower: number, upper: number): Figure3Cell => ({ estimate, lower, upper });
const zero = cell(0.5, 0.4, 0.6);

function table(rewritten: Figure3Cell[]): Figure3Table {
  return {
    statistic: "mean",
    topSelection: "top-detection",
    coderKind: "transcoder",
    promptCount: 10,
    ciLevel: 0.95,
    randomDraws: 0,
    cleanCeMeanNats: 3,
    coderAlone: rewritten[0],
    columns: [
      { id: "top-calibrated", label: "top-scoring, calibrated" },
      { id: "zero-ablation", label: "zero ablation" },
    ],
    rows: rewritten.map((c, i) => ({ fraction: i / (rewritten.length - 1), cells: [c, zero] })),
  };
}

describe("calibrated top-scoring rewriting vs zero ablation", () => {
  it("beats it only when the CI lies entirely below zero ablation's", () => {
    const verdicts = zeroAblationVerdicts(table([cell(0.1, 0.05, 0.15), cell(0.3, 0.2, 0.39), cell(0.45, 0.35, 0.55)]));
    expect(verdicts.map((v) => v.kind)).toEqual(["beats", "beats", "indistinguishable"]);
    expect(describeZeroAblationVerdict(verdicts)).toBe(
      "Rewriting all latents from calibrated simulations costs 0.450 [0.350, 0.550] nats against zero ablation's 0.500 [0.400, 0.600]: " +
        "the CIs overlap, so it does not clearly beat zero ablation. Rewriting is below zero ablation (CIs apart) at fractions 0.5.",
    );
  });

  it("says so plainly when all latents rewritten beat or lose to zero ablation", () => {
    expect(describeZeroAblationVerdict(zeroAblationVerdicts(table([cell(0.1, 0.05, 0.15), cell(0.2, 0.1, 0.3)])))).toMatch(
      /: calibrated top-scoring rewriting beats zero ablation \(CIs do not overlap\)\. Rewriting is below zero ablation \(CIs apart\) at fractions 1\.$/,
    );
    expect(describeZeroAblationVerdict(zeroAblationVerdicts(table([cell(0.1, 0.05, 0.15), cell(0.9, 0.7, 1.1)])))).toMatch(/is worse than zero ablation/);
  });
});
