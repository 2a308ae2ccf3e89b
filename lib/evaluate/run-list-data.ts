// What /runs lists: every finished run with its headline (the top-scoring calibrated rewrite at fraction 1 beside
// the run's primary reference, each with its CI), read from the stored JSON alone so that listing many runs does
// not load their per-prompt arrays.
import type { RewriteDatabase } from "@/db/client";
import { findEvaluationRun } from "@/db/evaluation-runs";
import { figure3Table, type Figure3Cell } from "./figure3-table";
import type { RewriteEvaluationResult } from "./rewrite-evaluation";
import { runHeadline } from "./run-headline";
import { listRunItems, type RunListItem } from "./run-page-data";

export const HEADLINE_FRACTION = 1;

export interface RunListHeadline {
  fraction: number;
  ciLevel: number;
  rewrite: { label: string; cell: Figure3Cell | null };
  reference: { label: string; cell: Figure3Cell | null };
}

export type RunListEntry = RunListItem & { headline: RunListHeadline | null };

/**
 * The stored result with every typed array left empty: the summaries (estimates and CIs) are in the JSON, the
 * per-prompt losses are not needed for a headline. Non-finite numbers are restored as the run store writes them.
 */
export function resultWithoutArrays(resultJson: string): RewriteEvaluationResult {
  return JSON.parse(resultJson, (_key, value: unknown) => {
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (typeof record.$number === "string") return Number(record.$number);
    if (typeof record.$array === "string") return new Float64Array(0);
    return value;
  }) as RewriteEvaluationResult;
}

/** The headline of one result, or null when it has no fraction 1 (a run of other fractions). */
export function runListHeadline(result: RewriteEvaluationResult): RunListHeadline | null {
  const headline = runHeadline(figure3Table(result, { statistic: "mean" }), [HEADLINE_FRACTION], ["top-calibrated"]);
  const row = headline.rows[0];
  if (!row || headline.columns.length < 2) return null;
  const [rewrite, reference] = headline.columns;
  return {
    fraction: row.fraction,
    ciLevel: result.config.ciLevel,
    rewrite: { label: rewrite.label, cell: row.cells[0] },
    reference: { label: reference.label, cell: row.cells[1] },
  };
}

export function loadRunList(db: RewriteDatabase, limit = 100): RunListEntry[] {
  return listRunItems(db, limit).map((item) => {
    const json = findEvaluationRun(db, item.id)?.resultJson;
    return { ...item, headline: json ? runListHeadline(resultWithoutArrays(json)) : null };
  });
}
