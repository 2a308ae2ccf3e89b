import { describe, expect, it } from "vitest";
import { figure3Markdown, figure3Table, formatFigure3Cell } from "./figure3-table";
import { handConfig, handInputs } from "@/lib/evaluate/testing/hand-example";
import { runRewriteEvaluation } from "./rewrite-evaluation";

describe("figure3Table", () => {
  it("puts each (fraction, column) summary in place, null where the run did not compute it", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    const table = figure3Table(result);
    expect(table.columns.map((c) => c.id)).toEqual([
      "top-calibrated",
      "top-uncalibrated",
      "random-calibrated",
      "random-uncalibrated",
      "zero-chosen",
      "zero-ablation",
      "mean-ablation",
      "latents-zeroed",
    ]);
    expect(table.rows.map((r) => r.fraction)).toEqual([0, 0.5, 1]);
    const estimates = table.rows.map((r) => r.cells.map((c) => (c === null ? null : c.estimate)));
    // mean increases (hand-example): coder alone [0.25, 2.25] → 1.25; quantile 0.5 [56.25, 2.25] → 29.25;
    // linear 0.5 [20.25, 240.25] → 130.25; zeroed 0.5 [110.25, 2.25] → 56.25; zero ablation [121, 196] → 158.5;
    // quantile 1 [56.25, 42.25] → 49.25; linear 1 [2.25, 812.25] → 407.25; zeroed 1 [110.25, 156.25] → 133.25;
    // mean ablation [2.25, 2.25] → 2.25; every latent zeroed = zeroed at 1 → 133.25
    expect(estimates).toEqual([
      [1.25, 1.25, null, null, 1.25, 158.5, 2.25, 133.25],
      [29.25, 130.25, null, null, 56.25, 158.5, 2.25, 133.25],
      [49.25, 407.25, null, null, 133.25, 158.5, 2.25, 133.25],
    ]);
    expect(table.primaryReference).toBe("zero-ablation");
    expect(table.coderAlone.estimate).toBe(1.25);
    expect(table.cleanCeMeanNats).toBe(1.5);
  });

  it("renders markdown with one row per fraction and 'estimate [lo, hi]' cells", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    const markdown = figure3Markdown(figure3Table(result, { statistic: "median-absolute" }), 2);
    const lines = markdown.split("\n");
    expect(lines[0]).toMatch(/^median \|CE increase\| over the clean model, nats, estimate \[95% bootstrap CI\]; transcoder, 2 prompts/);
    expect(lines[2]).toBe(
      "| fraction rewritten | top-scoring, calibrated | top-scoring, uncalibrated | random, calibrated | random, uncalibrated | top-scoring latents zeroed | zero ablation | mean ablation of the MLP output | every latent zeroed (skip + b_dec) |",
    );
    expect(lines.filter((l) => l.startsWith("| 0.5 |"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^Clean model: 1.50 nats mean CE. transcoder alone: 1.25 \[/);
    expect(formatFigure3Cell({ estimate: 0.1234, lower: 0.1, upper: 0.15 })).toBe("0.123 [0.100, 0.150]");
    expect(formatFigure3Cell(null)).toBe("—");
  });
});
