// The explorer's metrics of one version, or two side by side with the change: detection / fuzzing scores,
// correlation, sensitivity / specificity (§3.1) and the rewrite impact in nats, each with who measured it.
import type { ExplorerVersion, RewriteImpactData } from "@/lib/explore/explorer-data";
import { compareVersions, type MetricChange, type VersionComparison } from "@/lib/explore/version-comparison";
import { versionLabel, type VersionNumbers } from "./latent/version-label";

interface Row {
  label: string;
  key: string;
  value: (v: ExplorerVersion) => number | null | undefined;
  digits: number;
  /** Left out of a single version's table when the page shows the scores with the explanation (one place per fact). */
  scoreRow?: boolean;
}

const ROWS: Row[] = [
  { label: "Detection score (balanced accuracy)", key: "detection", value: (v) => v.detection?.value, digits: 3, scoreRow: true },
  { label: "Fuzzing score (balanced accuracy)", key: "fuzzing", value: (v) => v.fuzzing?.value, digits: 3, scoreRow: true },
  { label: "Correlation, raw prediction vs true (Pearson r)", key: "correlation", value: (v) => v.simulation?.correlation, digits: 3 },
  { label: "Sensitivity, calibrated", key: "sensitivity", value: (v) => v.simulation?.sensitivity, digits: 3 },
  { label: "Specificity, calibrated", key: "specificity", value: (v) => v.simulation?.specificity, digits: 3 },
  { label: "Sensitivity, raw (> 0)", key: "raw-sensitivity", value: (v) => v.simulation?.rawSensitivity, digits: 3 },
  { label: "Specificity, raw (> 0)", key: "raw-specificity", value: (v) => v.simulation?.rawSpecificity, digits: 3 },
  { label: "Rewrite impact (mean CE change, nats)", key: "rewrite-impact", value: (v) => v.simulation?.rewriteImpact?.meanCeChangeNats, digits: 5 },
];

const format = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? "–" : x.toFixed(digits));

const signed = (d: number, digits: number) => `${d > 0 ? "+" : d < 0 ? "−" : "±"}${Math.abs(d).toFixed(digits)}`;

function change(row: Row, version: ExplorerVersion, previous: ExplorerVersion): string {
  const a = row.value(previous);
  const b = row.value(version);
  if (a === null || a === undefined || b === null || b === undefined) return "";
  return signed(b - a, row.digits);
}

/** The paired A/B of this row's metric, when the previous version is the parent and both were compared. */
function pairedChange(row: Row, comparison: VersionComparison | null): MetricChange | undefined {
  return comparison?.changes.find((c) => c.metric === row.key);
}

function provenance(version: ExplorerVersion): string {
  const parts: string[] = [];
  const s = version.simulation;
  if (s) {
    parts.push(`simulated on ${s.contextCount} contexts in ${(s.elapsedMs / 1000).toFixed(2)} s`);
    if (s.rewriteImpact) parts.push(rewriteImpactSource(s.rewriteImpact));
    else if (s.rewriteImpactNote) parts.push(`rewrite impact ${s.rewriteImpactNote}`);
  }
  const scorer = version.detection ?? version.fuzzing;
  if (scorer) parts.push(`scores by the ${scorer.scorerLabel}, ${scorer.exampleCount} windows`);
  return parts.join("; ");
}

/**
 * The paired A/B of two versions: the stored one when `previous` is the parent, else computed here from both
 * versions' per-context and per-prompt values (a paired bootstrap, the same as the stored one).
 */
function pairedComparison(version: ExplorerVersion, previous: ExplorerVersion | null): VersionComparison | null {
  if (!previous) return null;
  if (version.comparisonWithParent?.parentId === previous.id) return version.comparisonWithParent;
  if (!version.simulation?.paired || !previous.simulation?.paired) return null;
  return compareVersions({ id: previous.id, simulation: previous.simulation }, { id: version.id, simulation: version.simulation });
}

export interface ExplorerMetricsTableProps {
  version: ExplorerVersion;
  previous: ExplorerVersion | null;
  versionNumbers?: VersionNumbers;
  /** The page shows detection and fuzzing with the explanation; the table then lists them only beside a previous version. */
  scoresShownElsewhere?: boolean;
}

export function ExplorerMetricsTable({ version, previous, versionNumbers, scoresShownElsewhere = false }: ExplorerMetricsTableProps) {
  const comparison = pairedComparison(version, previous);
  const label = (v: ExplorerVersion, fallback: string) => versionLabel(v.id, versionNumbers, fallback);
  const rows = ROWS.filter((row) => previous || !scoresShownElsewhere || !row.scoreRow);
  return (
    <div>
      <table className="explorer-metrics" data-testid="explorer-metrics">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {previous ? <th scope="col">Previous ({label(previous, "the version it was edited from")})</th> : null}
            <th scope="col">This version{versionNumbers?.[version.id] !== undefined ? ` (${label(version, "")})` : ""}</th>
            {previous ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-metric={row.key}>
              <th scope="row">{row.label}</th>
              {previous ? <td>{format(row.value(previous), row.digits)}</td> : null}
              <td data-testid={`metric-${row.key}`}>{format(row.value(version), row.digits)}</td>
              {previous ? <ChangeCell row={row} paired={pairedChange(row, comparison)} plain={change(row, version, previous)} /> : null}
            </tr>
          ))}
          <tr data-metric="simulator">
            <th scope="row">Simulator</th>
            {previous ? <td>{previous.simulation?.simulator.label ?? "–"}</td> : null}
            <td data-testid="metric-simulator">{version.simulation?.simulator.label ?? "–"}</td>
            {previous ? <td /> : null}
          </tr>
        </tbody>
      </table>
      {comparison ? (
        <p className="muted" data-testid="explorer-ab-note">
          Change, paired: {label(version, "this version")} − {label(previous!, "the previous version")} on the same contexts and development
          prompts, with a {Math.round(comparison.level * 100)}% bootstrap CI that resamples them with both versions&rsquo; values together; better /
          worse when the whole CI lies on one side of 0 (a lower CE change is better). Detection and fuzzing changes carry no interval: their
          per-example outcomes are not kept.{comparison.notes.length > 0 ? ` ${comparison.notes.join("; ")}.` : ""}
        </p>
      ) : null}
      {[previous, version].flatMap((v) => (v && provenance(v) ? [v] : [])).map((v) => (
        <p key={v.id} className="muted" data-testid="explorer-provenance">
          {label(v, v === version ? "This version" : "Previous")}: {provenance(v)}.
        </p>
      ))}
    </div>
  );
}

function ChangeCell({ row, paired, plain }: { row: Row; paired: MetricChange | undefined; plain: string }) {
  if (!paired) return <td>{plain}</td>;
  return (
    <td data-testid={`change-${row.key}`} data-verdict={paired.verdict} title={`paired over ${paired.pairCount} ${row.key === "rewrite-impact" ? "prompts" : "contexts"}`}>
      {signed(paired.estimate, row.digits)} [{paired.lower.toFixed(row.digits)}, {paired.upper.toFixed(row.digits)}] · {paired.verdict}
    </td>
  );
}

/** Which prompts a rewrite impact was measured on: development prompts, never the runs' test prompts (older results say so). */
function rewriteImpactSource(impact: RewriteImpactData): string {
  if (impact.promptSet === "development") {
    const avoided = impact.testRunId != null ? `run ${impact.testRunId}'s` : "the evaluation's";
    return `rewrite impact on ${impact.promptCount} development prompts (held out, disjoint from ${avoided} test prompts)`;
  }
  const run = impact.evaluationRunId != null ? `run ${impact.evaluationRunId}'s` : "the evaluation's";
  return `rewrite impact on ${impact.promptCount} of ${run} test prompts (measured before development prompts existed)`;
}
