import Link from "next/link";
import type { LatentListQuery, LatentListRow, LatentSortKey } from "@/db/latent-list";
import { defaultDirection, latentListHref } from "@/lib/cache/latent-list-params";
import styles from "./latent-browser.module.css";

type ListState = LatentListQuery & { coder?: string };

const COLUMNS: { key: Exclude<LatentSortKey, "relevance">; label: string; numeric: boolean }[] = [
  { key: "latent", label: "Latent", numeric: true },
  { key: "explanation", label: "Explanation", numeric: false },
  { key: "detection", label: "Detection", numeric: true },
  { key: "fuzzing", label: "Fuzzing", numeric: true },
  { key: "frequency", label: "Frequency", numeric: true },
  { key: "max", label: "Max activation", numeric: true },
];

export function formatFrequency(frequency: number): string {
  return `${(frequency * 100).toPrecision(3)}%`;
}

function score(value: number | null) {
  return value === null ? <span className={styles.missing}>–</span> : value.toFixed(3);
}

function SortHeader({ column, state }: { column: (typeof COLUMNS)[number]; state: ListState }) {
  const active = state.sort === column.key;
  const direction = active ? (state.direction === "asc" ? "desc" : "asc") : defaultDirection(column.key);
  const arrow = active ? (state.direction === "asc" ? " ▲" : " ▼") : "";
  return (
    <th className={column.numeric ? styles.numeric : undefined} aria-sort={active ? (state.direction === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        className={styles.sortLink}
        href={latentListHref(state, { sort: column.key, direction, page: 1 })}
        aria-current={active}
        data-testid={`sort-${column.key}`}
      >
        {column.label}
        {arrow}
      </Link>
    </th>
  );
}

/** One page of the latent listing; headers link to the same listing sorted by their column. */
export function LatentTable({ rows, state }: { rows: LatentListRow[]; state: ListState }) {
  const coder = state.coder ? `?coder=${encodeURIComponent(state.coder)}` : "";
  return (
    <table data-testid="latent-table">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <SortHeader key={column.key} column={column} state={state} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.latent} data-testid="latent-row" data-latent={row.latent}>
            <td className={styles.numeric}>
              <Link href={`/latents/${row.latent}${coder}`}>{row.latent}</Link>
            </td>
            <td className={styles.explanationCell} data-testid="cell-explanation">{row.explanation ?? <span className={styles.missing}>not explained yet</span>}</td>
            <td className={styles.numeric}>{score(row.detectionScore)}</td>
            <td className={styles.numeric}>{score(row.fuzzingScore)}</td>
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
