// What /runs/<id>/ledger and `rewrite ledger` show: a stored run's fix-first ledger as rows with each latent's
// current explanation, sorted, one page at a time for the page and whole for the CLI.
import type { RewriteDatabase } from "@/db/client";
import { latentRewriteInputs } from "@/db/evaluation-runs";
import type { StoredEvaluationRun } from "./evaluation-run-store";
import { evaluationRunExtras } from "./evaluation-stage";
import { LEDGER_SORTS, ledgerRows, sortLedgerRows, type LedgerRow, type LedgerSort } from "./ledger-rows";
import { PROXIES, proxyMismatches, proxyOf, type ProxyScore } from "./proxy-agreement";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";

export const LEDGER_PAGE_SIZE = 100;

export interface LedgerQuery {
  readonly sort: LedgerSort;
  readonly direction: "asc" | "desc";
  /** 1-based. */
  readonly page: number;
  /** Which proxy the scatter plots against the oracle gain. */
  readonly proxy: ProxyScore;
}

/** The ledger page's query string; anything unknown falls back to "fix these first": oracle gain, largest first. */
export function parseLedgerQuery(query: Record<string, string | string[] | undefined>): LedgerQuery {
  const sort = LEDGER_SORTS.find((s) => s === query.sort) ?? "oracle-gain";
  const page = Number(query.page);
  return {
    sort,
    direction: query.dir === "asc" ? "asc" : "desc",
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    proxy: PROXIES.find((p) => p === query.proxy) ?? "detection",
  };
}

export type LedgerRowWithExplanation = LedgerRow & {
  readonly explanation: string | null;
  /** The test prompt where fixing this latent's simulation recovers the most; null when it changes none. */
  readonly worstPrompt: number | null;
};

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

export interface ProxyView {
  /** Spearman ρ with the oracle gain per proxy; null for runs stored before it was measured. */
  readonly agreement: readonly { readonly proxy: ProxyScore; readonly estimate: number; readonly lower: number; readonly upper: number; readonly latentCount: number }[] | null;
  /** The chosen proxy against the oracle gain, one point per explained latent where it is defined. */
  readonly points: readonly { readonly latent: number; readonly score: number; readonly gainNats: number }[];
  readonly highScoreLargeCost: readonly LedgerRowWithExplanation[];
  readonly lowScoreNoCost: readonly LedgerRowWithExplanation[];
  readonly highThreshold: number;
  readonly lowThreshold: number;
}

export interface LedgerPageData {
  readonly summary: LedgerSummary;
  readonly query: LedgerQuery;
  readonly pageCount: number;
  readonly rows: readonly LedgerRowWithExplanation[];
  readonly proxies: ProxyView;
}

/** Per latent, the prompt of its largest oracle gain (first such prompt on ties). */
function worstPrompts(entries: { readonly prompt: Int32Array; readonly latent: Int32Array; readonly gainNats: Float64Array }): Map<number, number> {
  const best = new Map<number, { prompt: number; gain: number }>();
  entries.latent.forEach((latent, i) => {
    const seen = best.get(latent);
    if (!seen || entries.gainNats[i] > seen.gain) best.set(latent, { prompt: entries.prompt[i], gain: entries.gainNats[i] });
  });
  return new Map([...best].map(([latent, { prompt }]) => [latent, prompt]));
}

/** The run's ledger rows with explanations and its summary; null when the run was stored without a ledger. */
export function ledgerOfRun(
  db: RewriteDatabase,
  stored: StoredEvaluationRun,
  runId: string,
): { summary: LedgerSummary; rows: LedgerRowWithExplanation[]; agreement: ProxyView["agreement"] } | null {
  const extras = evaluationRunExtras(stored.result);
  const ledger = extras?.ledger;
  if (!ledger) return null;
  const explanations = new Map(latentRewriteInputs(db, Number(stored.inputRefs.cacheId)).map((r) => [r.latent, r.explanation]));
  const worst = worstPrompts(ledger.oracleEntries);
  const rows = ledgerRows(ledger, extras.preTopKQuality).map((row) => ({ ...row, explanation: explanations.get(row.latent) ?? null, worstPrompt: worst.get(row.latent) ?? null }));
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
    // Runs stored before proxies were compared lack it.
    agreement: ledger.proxyAgreement?.map((a) => ({ proxy: a.proxy, estimate: a.rho.estimate, lower: a.rho.lower, upper: a.rho.upper, latentCount: a.latentCount })) ?? null,
  };
}

function proxyView(rows: readonly LedgerRowWithExplanation[], proxy: ProxyScore, agreement: ProxyView["agreement"]): ProxyView {
  const mismatches = proxyMismatches(rows, proxy);
  return {
    agreement,
    points: rows.flatMap((r) => {
      const score = proxyOf(r, proxy);
      return score === null ? [] : [{ latent: r.latent, score, gainNats: r.oracleGain.mean }];
    }),
    highScoreLargeCost: mismatches.highScoreLargeCost,
    lowScoreNoCost: mismatches.lowScoreNoCost,
    highThreshold: mismatches.highThreshold,
    lowThreshold: mismatches.lowThreshold,
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
    proxies: proxyView(ledger.rows, query.proxy, ledger.agreement),
  };
}
