// Fig. 3 as a table: one row per fraction rewritten, one column per way of rewriting, each cell the CE increase
// over the clean model with its bootstrap CI. Plain data for the CLI and the pages, plus a markdown rendering.
import type { ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import type { CeIncreaseSummary } from "@/lib/core/ce-increase";
import type { RewriteEvaluationResult, RewriteTreatment } from "./rewrite-evaluation";
import type { SelectionMethod } from "./latent-selection";
import { referenceBaselines, type ReferenceId } from "./reference-verdict";

/** "mean": mean increase; "median-absolute": median |increase|, Fig. 3's bar height. */
export type Figure3Statistic = "mean" | "median-absolute";

export type Figure3ColumnId =
  | "top-calibrated"
  | "top-uncalibrated"
  | "random-calibrated"
  | "random-uncalibrated"
  | "zero-chosen"
  | ReferenceId;

export interface Figure3Cell {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Figure3Table {
  readonly statistic: Figure3Statistic;
  readonly topSelection: "top-detection" | "top-fuzzing";
  readonly coderKind: "transcoder" | "sae";
  readonly promptCount: number;
  readonly ciLevel: number;
  /** Random draws pooled in the random columns; 0 when random selection was not run. */
  readonly randomDraws: number;
  readonly cleanCeMeanNats: number;
  /** The coder alone (fraction 0 of every column but zero ablation). */
  readonly coderAlone: Figure3Cell;
  readonly columns: readonly { readonly id: Figure3ColumnId; readonly label: string }[];
  /** The reference the verdict leads with (zero ablation for a transcoder, every latent zeroed for an SAE). */
  readonly primaryReference: ReferenceId;
  /** cells[i] belongs to columns[i]; null where the run did not compute it. */
  readonly rows: readonly { readonly fraction: number; readonly cells: readonly (Figure3Cell | null)[] }[];
}

const REWRITE_COLUMNS: readonly { id: Figure3ColumnId; selection: "top" | "random"; treatment: RewriteTreatment; label: string }[] = [
  { id: "top-calibrated", selection: "top", treatment: "calibrated-quantile", label: "top-scoring, calibrated" },
  { id: "top-uncalibrated", selection: "top", treatment: "uncalibrated-linear", label: "top-scoring, uncalibrated" },
  { id: "random-calibrated", selection: "random", treatment: "calibrated-quantile", label: "random, calibrated" },
  { id: "random-uncalibrated", selection: "random", treatment: "uncalibrated-linear", label: "random, uncalibrated" },
  { id: "zero-chosen", selection: "top", treatment: "zero-chosen", label: "top-scoring latents zeroed" },
];

/** A summary's estimate and CI in the chosen statistic. */
export function cellOf(summary: CeIncreaseSummary, statistic: Figure3Statistic): Figure3Cell {
  const ci: ConfidenceInterval = statistic === "mean" ? summary.meanIncreaseNats : summary.medianAbsoluteDifferenceNats;
  return { estimate: ci.estimate, lower: ci.lower, upper: ci.upper };
}

export function figure3Table(
  result: RewriteEvaluationResult,
  options: { readonly statistic?: Figure3Statistic; readonly topSelection?: "top-detection" | "top-fuzzing" } = {},
): Figure3Table {
  const statistic = options.statistic ?? "mean";
  const topSelection = options.topSelection ?? "top-detection";
  const references = referenceBaselines(result);
  const referenceLabel = (r: (typeof references)[number]) => (r.role === "not meaningful" ? `${r.label} (not a meaningful reference)` : r.label);
  const columns = [...REWRITE_COLUMNS.map(({ id, label }) => ({ id, label })), ...references.map((r) => ({ id: r.id, label: referenceLabel(r) }))];
  const rows = result.config.fractions.map((fraction) => ({
    fraction,
    cells: [
      ...REWRITE_COLUMNS.map(({ selection, treatment }) => {
        const method: SelectionMethod = selection === "top" ? topSelection : "random";
        const found = result.summaries.find((s) => s.selection === method && s.treatment === treatment && s.fraction === fraction);
        return found ? cellOf(found.summary, statistic) : null;
      }),
      ...references.map((r) => cellOf(r.summary, statistic)),
    ],
  }));
  const clean = result.baselines.cleanCeNats;
  return {
    statistic,
    topSelection,
    coderKind: result.coderKind,
    promptCount: result.promptCount,
    ciLevel: result.config.ciLevel,
    randomDraws: result.config.selections.includes("random") ? result.config.randomDraws : 0,
    cleanCeMeanNats: clean.reduce((s, x) => s + x, 0) / clean.length,
    coderAlone: cellOf(result.baselines.coderAlone.summary, statistic),
    columns,
    primaryReference: references[0].id,
    rows,
  };
}

/** "0.123 [0.100, 0.150]", or "—" for a cell that was not computed. */
export function formatFigure3Cell(cell: Figure3Cell | null, digits = 3): string {
  if (cell === null) return "—";
  return `${cell.estimate.toFixed(digits)} [${cell.lower.toFixed(digits)}, ${cell.upper.toFixed(digits)}]`;
}

export function figure3Markdown(table: Figure3Table, digits = 3): string {
  const what = table.statistic === "mean" ? "mean CE increase" : "median |CE increase|";
  const level = Math.round(table.ciLevel * 100);
  const header = `| fraction rewritten | ${table.columns.map((c) => c.label).join(" | ")} |`;
  const rule = `|---|${table.columns.map(() => "---").join("|")}|`;
  const body = table.rows.map((row) => `| ${row.fraction} | ${row.cells.map((c) => formatFigure3Cell(c, digits)).join(" | ")} |`);
  return [
    `${what} over the clean model, nats, estimate [${level}% bootstrap CI]; ${table.coderKind}, ${table.promptCount} prompts, ` +
      `latents ranked by ${table.topSelection === "top-detection" ? "detection" : "fuzzing"} score` +
      (table.randomDraws > 0 ? `; random: ${table.randomDraws} draws pooled.` : "."),
    "",
    header,
    rule,
    ...body,
    "",
    `Clean model: ${table.cleanCeMeanNats.toFixed(digits)} nats mean CE. ${table.coderKind} alone: ${formatFigure3Cell(table.coderAlone, digits)}.`,
  ].join("\n");
}
