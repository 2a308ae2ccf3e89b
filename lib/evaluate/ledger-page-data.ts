// What /runs/<id>/ledger and `rewrite ledger` show: a stored run's fix-first ledger as rows with each latent's
// current explanation, sorted, one page at a time for the page and whole for the CLI.
import type { RewriteDatabase } from "@/db/client";
import { latentRewriteInputs } from "@/db/evaluation-runs";
import type { StoredEvaluationRun } from "./evaluation-run-store";
import { evaluationRunExtras } from "./evaluation-stage";
import { LEDGER_SORTS, ledgerRows, sortLedgerRows, type LedgerRow, type LedgerSort } from "./ledger-rows";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";

export const LEDGER_PAGE_SIZE = 100;

export interface LedgerQuery {
  readonly sort: LedgerSort;
  readonly direction: "asc" | "desc";
  /** 1-based. */
  readonly page: number;
}

/** The ledger page's query string; anything unknown falls back to "fix these first": oracle gain, largest first. */
export function parseLedgerQuery(query: Record<string, string | string[] | undefined>): LedgerQuery {
  const sort = LEDGER_SORTS.find((s) => s === query.sort) ?? "oracle-gain";
  const page = Number(query.page);
  return { sort, direction: query.dir === "asc" ? "asc" : "desc", page: Number.isSafeInteger(page) && page >= 1 ? page : 1 };
}

export type LedgerRowWithExplanation = LedgerRow & { readonly explanation: string | null };

export interface LedgerSummary {
  readonly runId: string;
  readonly hookpoint: string;
  readonly promptCount: number;
  readonly ciLevel: number;
  readonly resamples: number;
  readonly explainedCount: number;
  readonly numLatents: number;
  /** Mean CE increase of the full calibrated rewrite over the transcoder alone, nats: what all fixes together could recover. */
  readonly fullRewriteGapNats: number;
  readonly forwardRowCount: number;
}

export interface LedgerPageData {
  readonly summary: LedgerSummary;
  readonly query: LedgerQuery;
  readonly pageCount: number;
  readonly rows: readonly LedgerRowWithExplanation[];
}

/** The run's ledger rows with explanations and its summary; null when the run was stored without a ledger. */
export function ledgerOfRun(db: RewriteDatabase, stored: StoredEvaluationRun, runId: string): { summary: LedgerSummary; rows: LedgerRowWithExplanation[] } | null {
  const extras = evaluationRunExtras(stored.result);
  const ledger = extras?.ledger;
  if (!ledger) return null;
  const explanations = new Map(latentRewriteInputs(db, Number(stored.inputRefs.cacheId)).map((r) => [r.latent, r.explanation]));
  const rows = ledgerRows(ledger, extras.preTopKQuality).map((row) => ({ ...row, explanation: explanations.get(row.latent) ?? null }));
  const gap = ledger.fullRewriteCeNats.reduce((s, ce, p) => s + ce - ledger.coderAloneCeNats[p], 0) / ledger.fullRewriteCeNats.length;
  return {
    summary: {
      runId,
      hookpoint: stored.inputRefs.hookpoint ?? "",
      promptCount: stored.result.promptCount,
      ciLevel: stored.result.config.ciLevel,
      resamples: stored.result.config.bootstrapResamples,
      explainedCount: rows.length,
      numLatents: stored.result.numLatents,
      fullRewriteGapNats: gap,
      forwardRowCount: ledger.forwardRowCount,
    },
    rows,
  };
}

/** undefined: no such run; null ledger: a run stored before ledgers were measured. */
export async function loadLedgerPageData(db: RewriteDatabase, runId: string, query: LedgerQuery): Promise<LedgerPageData | { summary: null } | undefined> {
  const stored = await new SqliteEvaluationRunStore(db).load(runId);
  if (!stored) return undefined;
  const ledger = ledgerOfRun(db, stored, runId);
  if (!ledger) return { summary: null };
  const sorted = sortLedgerRows(ledger.rows, query.sort, query.direction);
  const pageCount = Math.max(1, Math.ceil(sorted.length / LEDGER_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    summary: ledger.summary,
    query: { ...query, page },
    pageCount,
    rows: sorted.slice((page - 1) * LEDGER_PAGE_SIZE, page * LEDGER_PAGE_SIZE),
  };
}
