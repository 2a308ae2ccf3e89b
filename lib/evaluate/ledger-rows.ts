// The fix-first ledger as rows: one per explained latent, its causal measures next to its proxies, sortable, and
// as CSV / JSON for `rewrite ledger`. Plain data, the same for the page and the CLI.
import type { PreTopKQuality } from "./simulated-context-quality";
import type { StageLedger } from "./stage-error-analysis";

export interface Estimate {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

export interface LedgerRow {
  readonly latent: number;
  /** Nats over all test prompts; oracle gain > 0: fixing this simulation alone recovers loss. */
  readonly oracleGain: Estimate;
  readonly oracleChangedPrompts: number;
  /** Nats over all test prompts; > 0: rewriting only this latent costs loss. */
  readonly impact: Estimate;
  readonly impactChangedPrompts: number;
  readonly firingFrequency: number;
  /** null where undefined or not measured. */
  readonly detection: number | null;
  readonly fuzzing: number | null;
  readonly correlation: number | null;
  readonly sensitivity: number | null;
  readonly specificity: number | null;
}

export const LEDGER_SORTS = ["oracle-gain", "impact", "firing", "detection", "fuzzing", "correlation", "sensitivity", "specificity", "latent"] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

const orNull = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);

/** Every explained latent's row; sensitivity / specificity are the calibrated pre-TopK ones when the run has them. */
export function ledgerRows(ledger: StageLedger, quality?: Pick<PreTopKQuality, "calibrated">): LedgerRow[] {
  const rows: LedgerRow[] = [];
  const estimate = (effect: StageLedger["impact"], l: number): Estimate => ({ mean: effect.meanNats[l], lower: effect.lowerNats[l], upper: effect.upperNats[l] });
  for (let latent = 0; latent < ledger.explained.length; latent++) {
    if (ledger.explained[latent] !== 1) continue;
    rows.push({
      latent,
      oracleGain: estimate(ledger.oracleGain, latent),
      oracleChangedPrompts: ledger.oracleGain.changedPromptCount[latent],
      impact: estimate(ledger.impact, latent),
      impactChangedPrompts: ledger.impact.changedPromptCount[latent],
      firingFrequency: ledger.firingFrequency[latent],
      detection: orNull(ledger.detectionScores[latent]),
      fuzzing: orNull(ledger.fuzzingScores[latent]),
      correlation: orNull(ledger.correlation[latent]),
      sensitivity: orNull(quality?.calibrated.sensitivity[latent]),
      specificity: orNull(quality?.calibrated.specificity[latent]),
    });
  }
  return rows;
}

const SORT_VALUE: Record<LedgerSort, (row: LedgerRow) => number | null> = {
  "oracle-gain": (r) => r.oracleGain.mean,
  impact: (r) => r.impact.mean,
  firing: (r) => r.firingFrequency,
  detection: (r) => r.detection,
  fuzzing: (r) => r.fuzzing,
  correlation: (r) => r.correlation,
  sensitivity: (r) => r.sensitivity,
  specificity: (r) => r.specificity,
  latent: (r) => r.latent,
};

/** A sorted copy: missing values last in either direction, equal values by latent. */
export function sortLedgerRows<R extends LedgerRow>(rows: readonly R[], sort: LedgerSort, direction: "asc" | "desc"): R[] {
  const value = SORT_VALUE[sort];
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.latent - b.latent : x === null ? 1 : -1;
    return x !== y ? sign * (x - y) : a.latent - b.latent;
  });
}

const CSV_COLUMNS: readonly [string, (r: LedgerRow) => number | null][] = [
  ["latent", (r) => r.latent],
  ["oracle_gain_nats", (r) => r.oracleGain.mean],
  ["oracle_gain_lower", (r) => r.oracleGain.lower],
  ["oracle_gain_upper", (r) => r.oracleGain.upper],
  ["oracle_changed_prompts", (r) => r.oracleChangedPrompts],
  ["impact_nats", (r) => r.impact.mean],
  ["impact_lower", (r) => r.impact.lower],
  ["impact_upper", (r) => r.impact.upper],
  ["impact_changed_prompts", (r) => r.impactChangedPrompts],
  ["firing_frequency", (r) => r.firingFrequency],
  ["detection", (r) => r.detection],
  ["fuzzing", (r) => r.fuzzing],
  ["correlation", (r) => r.correlation],
  ["sensitivity", (r) => r.sensitivity],
  ["specificity", (r) => r.specificity],
];

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** One header line and a line per row, the explanation last; missing values are empty fields. */
export function ledgerCsv(rows: readonly LedgerRow[], explanationOf: (latent: number) => string | null): string {
  const lines = [[...CSV_COLUMNS.map(([name]) => name), "explanation"].join(",")];
  for (const row of rows) lines.push([...CSV_COLUMNS.map(([, value]) => String(value(row) ?? "")), csvField(explanationOf(row.latent) ?? "")].join(","));
  return `${lines.join("\n")}\n`;
}
