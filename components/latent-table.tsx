import Link from "next/link";
import type { LatentListViewRow } from "@/lib/browse/latent-list-page";
import { defaultDirection, latentListHref, type LatentListParams, type ListSortKey, type RunMeasureKey } from "@/lib/cache/latent-list-params";
import styles from "./latent-browser.module.css";

interface Column {
  key: Exclude<ListSortKey, "relevance">;
  label: string;
  numeric: boolean;
  /** Shown only when the cache's newest run stored this measure. */
  measure?: RunMeasureKey;
  title?: string;
}

const COLUMNS: Column[] = [
  { key: "latent", label: "Latent", numeric: true },
  { key: "explanation", label: "Explanation", numeric: false },
  { key: "detection", label: "Detection", numeric: true },
  { key: "fuzzing", label: "Fuzzing", numeric: true },
  { key: "correlation", label: "Correlation", numeric: true, measure: "correlation", title: "Pearson r of the simulator's raw predictions vs the true activations" },
  { key: "sensitivity", label: "Sensitivity", numeric: true, measure: "sensitivity", title: "calibrated, before TopK: fraction of truly active contexts predicted active" },
  { key: "impact", label: "Rewrite impact", numeric: true, measure: "impact", title: "mean CE change (nats) of rewriting only this latent; > 0 costs loss" },
  { key: "frequency", label: "Frequency", numeric: true },
  { key: "max", label: "Max activation", numeric: true },
];

export function formatFrequency(frequency: number): string {
  return `${(frequency * 100).toPrecision(3)}%`;
}

function measureCell(value: number | null, digits: (x: number) => string, testId?: string) {
  return (
    <td className={styles.numeric} data-testid={testId} data-value={value ?? ""}>
      {value === null ? <span className={styles.missing}>–</span> : digits(value)}
    </td>
  );
}

function SortHeader({ column, state }: { column: Column; state: LatentListParams }) {
  const active = state.sort === column.key;
  const direction = active ? (state.direction === "asc" ? "desc" : "asc") : defaultDirection(column.key);
  const arrow = active ? (state.direction === "asc" ? " ▲" : " ▼") : "";
  return (
    <th className={column.numeric ? styles.numeric : undefined} aria-sort={active ? (state.direction === "asc" ? "ascending" : "descending") : "none"} title={column.title}>
      <Link className={styles.sortLink} href={latentListHref(state, { sort: column.key, direction, page: 1 })} aria-current={active} data-testid={`sort-${column.key}`}>
        {column.label}
        {arrow}
      </Link>
    </th>
  );
}

/**
 * One page of the latent listing. Headers link to the same listing sorted by their column; each whole row opens its
 * latent (the id cell's link is stretched over the row, so it is one tab stop and Enter opens it).
 */
export function LatentTable({ rows, state, measures }: { rows: LatentListViewRow[]; state: LatentListParams; measures: readonly RunMeasureKey[] }) {
  const coder = state.coder ? `?coder=${encodeURIComponent(state.coder)}` : "";
  const columns = COLUMNS.filter((c) => !c.measure || measures.includes(c.measure));
  const shown = (key: RunMeasureKey) => measures.includes(key);
  return (
    <table data-testid="latent-table" className={styles.latentTable}>
      <thead>
        <tr>
          {columns.map((column) => (
            <SortHeader key={column.key} column={column} state={state} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.latent} className={styles.rowLinked} data-testid="latent-row" data-latent={row.latent}>
            <td className={styles.numeric}>
              {/* A plain link, a document load: no prefetch of fifty latent pages, and the page shows as soon as its HTML
                  arrives instead of after a client transition has loaded its scripts. */}
              <a className={styles.rowLink} href={`/latents/${row.latent}${coder}`} aria-label={`Latent ${row.latent}${row.explanation ? `: ${row.explanation}` : ""}`}>
                {row.latent}
              </a>
            </td>
            <td className={styles.explanationCell} data-testid="cell-explanation">
              {row.explanation ?? <span className={styles.missing}>not explained yet</span>}
              {row.edited ? (
                <span className={styles.badge} data-testid="edited-badge">
                  edited
                </span>
              ) : null}
            </td>
            {measureCell(row.detectionScore, (x) => x.toFixed(3))}
            {measureCell(row.fuzzingScore, (x) => x.toFixed(3))}
            {shown("correlation") ? measureCell(row.correlation, (x) => x.toFixed(3), "cell-correlation") : null}
            {shown("sensitivity") ? measureCell(row.sensitivity, (x) => x.toFixed(3), "cell-sensitivity") : null}
            {shown("impact") ? measureCell(row.impact, (x) => x.toPrecision(3), "cell-impact") : null}
            <td className={styles.numeric} data-testid="cell-frequency" data-value={row.frequency}>
              {formatFrequency(row.frequency)}
            </td>
            <td className={styles.numeric} data-testid="cell-max" data-value={row.maxActivation}>
              {row.maxActivation.toPrecision(3)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
