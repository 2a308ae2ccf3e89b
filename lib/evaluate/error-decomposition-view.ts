// The error decomposition as the run page, the CLI and the model card show it: plain data (no typed arrays), a
// row per fraction with a cell per variant, and what repairing each kind of error saves, paired per prompt.
import { pairedVerdictKind, type PairedVerdictKind } from "@/lib/core/paired-difference";
import { DECOMPOSITION_LABELS, DECOMPOSITION_VARIANTS, type DecompositionVariant } from "./decomposition-variants";
import type { ErrorDecomposition } from "./error-decomposition";
import { cellOf, formatFigure3Cell, type Figure3Cell, type Figure3Statistic } from "./figure3-table";

/** What repairing a kind of error means, in the words of §3.1. */
export const REPAIR_LABELS: Record<Exclude<DecompositionVariant, "simulated">, string> = {
  "perfect-specificity": "remove false positives",
  "perfect-recall": "add the missed latents",
  "true-active-set": "fix the active set",
  "true-magnitudes": "fix the magnitudes",
  true: "fix everything",
};

export interface ErrorDecompositionView {
  readonly statistic: Figure3Statistic;
  readonly missedMagnitudeRule: string;
  readonly columns: readonly { readonly id: DecompositionVariant; readonly label: string }[];
  readonly rows: readonly { readonly fraction: number; readonly cells: readonly (Figure3Cell | null)[] }[];
  readonly repairs: readonly { readonly id: Exclude<DecompositionVariant, "simulated">; readonly label: string }[];
  /** savings[i].cells[j]: mean of CE(simulated) − CE(repairs[j]) at fraction rows[i], with its paired CI and verdict. */
  readonly savings: readonly { readonly fraction: number; readonly cells: readonly ((Figure3Cell & { readonly kind: PairedVerdictKind }) | null)[] }[];
}

export function errorDecompositionView(decomposition: ErrorDecomposition, statistic: Figure3Statistic): ErrorDecompositionView {
  const fractions = [...new Set(decomposition.cells.map((c) => c.fraction))];
  const repairs = DECOMPOSITION_VARIANTS.filter((v): v is Exclude<DecompositionVariant, "simulated"> => v !== "simulated");
  return {
    statistic,
    missedMagnitudeRule: decomposition.missedMagnitudeRule,
    columns: DECOMPOSITION_VARIANTS.map((id) => ({ id, label: DECOMPOSITION_LABELS[id] })),
    rows: fractions.map((fraction) => ({
      fraction,
      cells: DECOMPOSITION_VARIANTS.map((variant) => {
        const cell = decomposition.cells.find((c) => c.variant === variant && c.fraction === fraction);
        return cell ? cellOf(cell.summary, statistic) : null;
      }),
    })),
    repairs: repairs.map((id) => ({ id, label: REPAIR_LABELS[id] })),
    savings: fractions.map((fraction) => ({
      fraction,
      cells: repairs.map((variant) => {
        const saving = decomposition.savings.find((s) => s.variant === variant && s.fraction === fraction)?.savingNats;
        // A saving above 0 means the simulated rewrite costs more: the paired verdict of (simulated − repaired).
        return saving ? { estimate: saving.estimate, lower: saving.lower, upper: saving.upper, kind: pairedVerdictKind(saving) } : null;
      }),
    })),
  };
}

/** Both tables as markdown, for the CLI and the model card. */
export function errorDecompositionMarkdown(view: ErrorDecompositionView, ciLevel: number, digits = 3): string {
  const level = Math.round(ciLevel * 100);
  const what = view.statistic === "mean" ? "mean CE increase" : "median |CE increase|";
  const table = (columns: readonly { label: string }[], rows: readonly { fraction: number; cells: readonly (Figure3Cell | null)[] }[]) => [
    `| fraction rewritten | ${columns.map((c) => c.label).join(" | ")} |`,
    `|---|${columns.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.fraction} | ${row.cells.map((c) => formatFigure3Cell(c, digits)).join(" | ")} |`),
  ];
  return [
    `Where the loss comes from: ${what} over the clean model, nats [${level}% bootstrap CI]; top-detection latents rewritten, calibrated.`,
    "",
    ...table(view.columns, view.rows),
    "",
    `What repairing each kind of error saves: mean over prompts of CE(simulated) − CE(repaired), nats [${level}% paired bootstrap CI].`,
    "",
    ...table(view.repairs, view.savings),
    "",
    `Missed latents: ${view.missedMagnitudeRule}.`,
  ].join("\n");
}
