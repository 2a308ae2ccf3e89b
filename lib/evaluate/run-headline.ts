// The overview's headline of a run: a few fractions × a few ways of rewriting out of the Figure-3 table.
import type { Figure3Cell, Figure3ColumnId, Figure3Table } from "./figure3-table";

export const HEADLINE_COLUMNS: readonly Figure3ColumnId[] = ["top-calibrated", "random-calibrated", "top-uncalibrated"];
export const HEADLINE_FRACTIONS: readonly number[] = [0.5, 1];

export interface RunHeadline {
  columns: { id: Figure3ColumnId; label: string }[];
  rows: { fraction: number; cells: (Figure3Cell | null)[] }[];
}

/** The wanted fractions and columns the table has, in the wanted order (absent ones are left out, not blank). */
/** The run's primary reference (zero ablation, or every latent zeroed for an SAE) is always the last column. */
export function runHeadline(table: Figure3Table, fractions = HEADLINE_FRACTIONS, rewriteColumnIds = HEADLINE_COLUMNS): RunHeadline {
  const columnIds = [...rewriteColumnIds, table.primaryReference];
  const columnIndex = columnIds.map((id) => table.columns.findIndex((c) => c.id === id)).filter((i) => i >= 0);
  return {
    columns: columnIndex.map((i) => ({ ...table.columns[i] })),
    rows: table.rows.filter((r) => fractions.includes(r.fraction)).map((r) => ({ fraction: r.fraction, cells: columnIndex.map((i) => r.cells[i]) })),
  };
}
