import Link from "next/link";
import { CeIncreaseBars, type CeIncreaseSeries } from "@/components/charts/ce-increase-bars";
import { comparisonVerdict } from "@/lib/evaluate";
import type { RunComparisonPageData } from "@/lib/evaluate";
import { formatFigure3Cell } from "@/lib/evaluate";
import styles from "./runs.module.css";

const f = (x: number) => x.toFixed(4);

/** Two runs' Figure-3 CE increase on one chart, then their paired comparison (or why they cannot be paired). */
export function RunComparisonView({ data }: { data: RunComparisonPageData }) {
  const { a, b } = data;
  const labels = { a: `run ${a.item.id}`, b: `run ${b.item.id}` };
  const series: CeIncreaseSeries[] = [
    { id: "a", label: `A: run ${a.item.id}, top-scoring, calibrated`, color: "var(--accent)", cells: a.cells },
    { id: "b", label: `B: run ${b.item.id}, top-scoring, calibrated`, color: "var(--series-reference)", cells: b.cells },
  ];
  // One dashed reference only when both runs measured the same one on the same prompts.
  const sameReference = "rows" in data.paired && a.reference.label === b.reference.label;
  const level = Math.round(data.ciLevel * 100);
  return (
    <>
      <h1 data-testid="compare-title">
        Run {a.item.id} vs run {b.item.id}
      </h1>
      <p className="muted">
        A: <Link href={`/runs/${a.item.id}`}>run {a.item.id}</Link> ({a.item.inputs.coderKind} <code>{a.item.inputs.hookpoint}</code>, {a.item.simulatorId}, target{" "}
        {a.item.inputs.calibrationTarget}); B: <Link href={`/runs/${b.item.id}`}>run {b.item.id}</Link> ({b.item.inputs.coderKind} <code>{b.item.inputs.hookpoint}</code>,{" "}
        {b.item.simulatorId}, target {b.item.inputs.calibrationTarget}).
      </p>
      <section className="panel">
        <h2>CE increase by fraction rewritten</h2>
        <CeIncreaseBars
          fractions={data.fractions}
          series={series}
          reference={sameReference ? { label: a.reference.label, cell: a.reference.cell } : undefined}
          yLabel="mean CE increase over the clean model (nats)"
          testIdPrefix="compare"
        />
        <p className="muted">
          Bars: mean over test prompts with {level}% bootstrap CIs. References — A: {a.reference.label} {formatFigure3Cell(a.reference.cell)}; B: {b.reference.label}{" "}
          {formatFigure3Cell(b.reference.cell)}.
        </p>
      </section>
      <section className="panel" data-testid="compare-paired">
        <h2>Paired: B − A</h2>
        {"error" in data.paired ? (
          <p role="status" data-testid="compare-unpaired">
            Not paired: {data.paired.error}. The chart above compares the two runs&apos; marginal estimates only.
          </p>
        ) : (
          <table data-testid="compare-table">
            <thead>
              <tr>
                <th>measure</th>
                <th>A</th>
                <th>B</th>
                <th>B − A [{level}% paired CI]</th>
                <th>paired over</th>
                <th>verdict</th>
              </tr>
            </thead>
            <tbody>
              {data.paired.rows.map((row) => {
                const verdict = comparisonVerdict(row, labels);
                return (
                  <tr key={row.measure} data-testid="compare-row">
                    <td>{row.measure}</td>
                    <td className={styles.numeric}>{f(row.a)}</td>
                    <td className={styles.numeric}>{f(row.b)}</td>
                    <td className={styles.numeric} data-testid="compare-difference" data-estimate={row.difference.estimate}>
                      {f(row.difference.estimate)} [{f(row.difference.lower)}, {f(row.difference.upper)}]
                    </td>
                    <td>
                      {row.pairCount} {row.pairedOver}
                    </td>
                    <td className={row.kind === "indistinguishable" ? undefined : styles.verdict}>{verdict}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
