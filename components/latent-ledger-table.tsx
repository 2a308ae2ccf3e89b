import Link from "next/link";
import type { LedgerQuery, LedgerRowWithExplanation } from "@/lib/evaluate";
import type { Estimate, LedgerSort } from "@/lib/evaluate";

const COLUMNS: { sort: LedgerSort; label: string; title: string }[] = [
  { sort: "oracle-gain", label: "oracle gain, nats", title: "CE recovered when only this latent's simulation is replaced by the truth inside the full rewrite" },
  { sort: "impact", label: "rewrite impact, nats", title: "CE change when only this latent is rewritten from its explanation" },
  { sort: "firing", label: "firing", title: "fraction of simulated contexts where the latent is in the transcoder's TopK" },
  { sort: "detection", label: "detection", title: "detection score (balanced accuracy)" },
  { sort: "fuzzing", label: "fuzzing", title: "fuzzing score (balanced accuracy)" },
  { sort: "correlation", label: "correlation", title: "Pearson r of raw predictions vs true activations on the simulated contexts" },
  { sort: "sensitivity", label: "sensitivity", title: "calibrated, before the rewrite's TopK" },
  { sort: "specificity", label: "specificity", title: "calibrated, before the rewrite's TopK" },
];

const estimateText = (e: Estimate) => `${e.mean.toFixed(5)} [${e.lower.toFixed(5)}, ${e.upper.toFixed(5)}]`;
const numberText = (x: number | null, digits = 3) => (x === null ? "–" : x.toFixed(digits));

export interface LatentLedgerTableProps {
  rows: readonly LedgerRowWithExplanation[];
  query: LedgerQuery;
  /** The page's own path; sort links keep it. */
  basePath: string;
  /** The run's page, under which each prompt has its own (/prompts/<p>). */
  runPath: string;
  /** e.g. "?coder=layers.2.mlp", appended to each latent's link. */
  latentQuery: string;
  ciLevel: number;
}

/** The fix-first ledger, one page of it: each header sorts (again: the other direction), each latent links to its page. */
export function LatentLedgerTable({ rows, query, basePath, runPath, latentQuery, ciLevel }: LatentLedgerTableProps) {
  const href = (sort: LedgerSort) => {
    const direction = sort === query.sort && query.direction === "desc" ? "asc" : "desc";
    return `${basePath}?${new URLSearchParams({ sort, dir: direction, proxy: query.proxy })}`;
  };
  const arrow = (sort: LedgerSort) => (sort === query.sort ? (query.direction === "desc" ? " ↓" : " ↑") : "");
  return (
    <div style={{ overflowX: "auto" }}>
      <table data-testid="ledger-table">
        <thead>
          <tr>
            <th>
              <Link href={href("latent")}>latent{arrow("latent")}</Link>
            </th>
            {COLUMNS.map((c) => (
              <th key={c.sort} title={c.title}>
                <Link href={href(c.sort)} data-testid={`ledger-sort-${c.sort}`}>
                  {c.label}
                  {arrow(c.sort)}
                </Link>
              </th>
            ))}
            <th title="the test prompt where fixing this simulation recovers the most">worst prompt</th>
            <th>current explanation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.latent} data-testid="ledger-row" data-latent={row.latent} data-oracle-gain={row.oracleGain.mean}>
              <td>
                <Link href={`/latents/${row.latent}${latentQuery}`}>{row.latent}</Link>
              </td>
              <td style={{ fontVariantNumeric: "tabular-nums" }} title={`${Math.round(ciLevel * 100)}% CI over prompts; changed on ${row.oracleChangedPrompts} prompts`}>
                {estimateText(row.oracleGain)}
              </td>
              <td style={{ fontVariantNumeric: "tabular-nums" }} title={`${Math.round(ciLevel * 100)}% CI over prompts; changed on ${row.impactChangedPrompts} prompts`}>
                {estimateText(row.impact)}
              </td>
              <td>{(100 * row.firingFrequency).toFixed(2)}%</td>
              <td>{numberText(row.detection)}</td>
              <td>{numberText(row.fuzzing)}</td>
              <td>{numberText(row.correlation)}</td>
              <td>{numberText(row.sensitivity)}</td>
              <td>{numberText(row.specificity)}</td>
              <td>{row.worstPrompt === null ? "–" : <Link href={`${runPath}/prompts/${row.worstPrompt}`}>{row.worstPrompt}</Link>}</td>
              <td>{row.explanation ?? <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
