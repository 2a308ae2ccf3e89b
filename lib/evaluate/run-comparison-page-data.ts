// /runs/compare?a=&b=: two runs on one chart (each one's top-scoring calibrated CE increase per fraction, with its
// CI, beside its primary reference) and, when they share coder, prompts and calibration, the paired comparison.
import type { RewriteDatabase } from "@/db/client";
import { figure3Table, type Figure3Cell } from "./figure3-table";
import { compareRuns, type RunComparisonRow } from "./run-comparison";
import { HEADLINE_FRACTIONS } from "./run-headline";
import { listRunItems, type RunListItem } from "./run-page-data";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
import type { StoredEvaluationRun } from "./evaluation-run-store";

export interface ComparedRun {
  item: RunListItem;
  /** One per `fractions`: the top-scoring calibrated cell, null where this run lacks the fraction. */
  cells: (Figure3Cell | null)[];
  reference: { label: string; cell: Figure3Cell };
}

export interface RunComparisonPageData {
  a: ComparedRun;
  b: ComparedRun;
  /** Every fraction either run has, ascending. */
  fractions: number[];
  ciLevel: number;
  /** Paired rows (b − a), or why the runs cannot be paired. */
  paired: { rows: RunComparisonRow[] } | { error: string };
}

function comparedRun(stored: StoredEvaluationRun, item: RunListItem, fractions: number[]): ComparedRun {
  const table = figure3Table(stored.result, { statistic: "mean" });
  const top = table.columns.findIndex((c) => c.id === "top-calibrated");
  const primary = table.columns.findIndex((c) => c.id === table.primaryReference);
  const rowOf = (fraction: number) => table.rows.find((r) => r.fraction === fraction);
  return {
    item,
    cells: fractions.map((f) => (top >= 0 ? (rowOf(f)?.cells[top] ?? null) : null)),
    // References do not depend on the fraction: any row holds them.
    reference: { label: table.columns[primary].label, cell: table.rows[0].cells[primary] as Figure3Cell },
  };
}

/** undefined when either run does not exist (or has not finished). */
export async function loadRunComparison(db: RewriteDatabase, aId: number, bId: number): Promise<RunComparisonPageData | undefined> {
  const store = new SqliteEvaluationRunStore(db);
  const [a, b] = await Promise.all([store.load(String(aId)), store.load(String(bId))]);
  const items = listRunItems(db, 1000);
  const itemA = items.find((r) => r.id === aId);
  const itemB = items.find((r) => r.id === bId);
  if (!a || !b || !itemA || !itemB) return undefined;
  const fractions = [...new Set([...a.result.config.fractions, ...b.result.config.fractions])].sort((x, y) => x - y);
  let paired: RunComparisonPageData["paired"];
  try {
    const common = HEADLINE_FRACTIONS.filter((f) => a.result.config.fractions.includes(f) && b.result.config.fractions.includes(f));
    paired = { rows: compareRuns(a, b, common, { resamples: a.result.config.bootstrapResamples, level: a.result.config.ciLevel }) };
  } catch (error) {
    paired = { error: (error as Error).message };
  }
  return { a: comparedRun(a, itemA, fractions), b: comparedRun(b, itemB, fractions), fractions, ciLevel: a.result.config.ciLevel, paired };
}
