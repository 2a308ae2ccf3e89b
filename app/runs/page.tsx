import type { Metadata } from "next";
import Link from "next/link";
import { getDatabase } from "@/db/client";
import { formatFigure3Cell } from "@/lib/evaluate";
import { loadRunList, type RunListEntry } from "@/lib/evaluate";
import styles from "@/components/runs/runs.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evaluation runs" };

const TARGETS: Record<string, string> = { cache: "(a) cache", prompts: "(b) calibration contexts" };

function Headline({ run }: { run: RunListEntry }) {
  const h = run.headline;
  if (!h) return <span className="muted">no fraction 1</span>;
  return (
    <span data-testid="run-headline-cell">
      <strong>{formatFigure3Cell(h.rewrite.cell, 3)}</strong> <span className="muted">vs {h.reference.label}</span> {formatFigure3Cell(h.reference.cell, 3)}
    </span>
  );
}

export default function RunsPage() {
  const runs = loadRunList(getDatabase());
  const level = Math.round((runs.find((r) => r.headline)?.headline?.ciLevel ?? 0.95) * 100);
  return (
    <>
      <h1>Evaluation runs</h1>
      <p className="muted">
        Each run rewrites a growing fraction of a coder&apos;s latents from their simulated explanations and measures the CE increase against zero
        ablation (the paper&apos;s Figure 3). Newest first. The headline is the mean CE increase over the clean model (nats, {level}% bootstrap CI) with
        every latent rewritten from its calibrated simulation, top-scoring first, beside the run&apos;s reference (for a transcoder, zero ablation).
      </p>
      {runs.length === 0 ? (
        <p className="panel" data-testid="no-runs">
          No runs yet. <code>npm run rewrite -- prepare</code> builds the first one offline; <code>npm run rewrite -- evaluate</code> adds more.
        </p>
      ) : (
        <form method="get" action="/runs/compare" data-testid="run-compare-form">
          <table data-testid="run-table">
            <thead>
              <tr>
                <th>run</th>
                <th title="CE increase at fraction 1, top-scoring calibrated, vs the reference">headline: CE increase at fraction 1 (nats)</th>
                <th>coder</th>
                <th>simulator</th>
                <th>calibration target</th>
                <th>prompts</th>
                <th>created</th>
                <th>compare A</th>
                <th>compare B</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run, i) => (
                <tr key={run.id} data-testid="run-row" data-run={run.id}>
                  <td>
                    <Link href={`/runs/${run.id}`}>Run {run.id}</Link>
                  </td>
                  <td>
                    <Headline run={run} />
                  </td>
                  <td>
                    <code>{run.inputs.hookpoint}</code> {run.inputs.coderKind}
                  </td>
                  <td>{run.simulatorId}</td>
                  <td>
                    {TARGETS[run.inputs.calibrationTarget] ?? run.inputs.calibrationTarget}, {run.inputs.estimator}
                  </td>
                  <td>{run.promptCount}</td>
                  <td>{run.createdAt.replace("T", " ").slice(0, 16)}</td>
                  <td className={styles.pick}>
                    <input type="radio" name="a" value={run.id} defaultChecked={i === Math.min(1, runs.length - 1)} aria-label={`Run ${run.id} as A`} data-testid={`compare-a-${run.id}`} />
                  </td>
                  <td className={styles.pick}>
                    <input type="radio" name="b" value={run.id} defaultChecked={i === 0} aria-label={`Run ${run.id} as B`} data-testid={`compare-b-${run.id}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="submit" data-testid="compare-runs">
              Compare A and B
            </button>{" "}
            <span className="muted">on one chart, paired prompt by prompt when they share coder, prompts and calibration.</span>
          </p>
        </form>
      )}
    </>
  );
}
