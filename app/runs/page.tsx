import type { Metadata } from "next";
import Link from "next/link";
import { getDatabase } from "@/db/client";
import { listRunItems } from "@/lib/evaluate/run-page-data";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evaluation runs" };

const TARGETS: Record<string, string> = { cache: "(a) cache", prompts: "(b) calibration contexts" };

export default function RunsPage() {
  const runs = listRunItems(getDatabase());
  return (
    <>
      <h1>Evaluation runs</h1>
      <p className="muted">
        Each run rewrites a growing fraction of a coder&apos;s latents from their simulated explanations and measures the CE increase against zero
        ablation (the paper&apos;s Figure 3). Newest first.
      </p>
      {runs.length === 0 ? (
        <p className="panel" data-testid="no-runs">
          No runs yet. <code>npm run rewrite -- prepare</code> builds the first one offline; <code>npm run rewrite -- evaluate</code> adds more.
        </p>
      ) : (
        <table data-testid="run-table">
          <thead>
            <tr>
              <th>run</th>
              <th>created</th>
              <th>coder</th>
              <th>simulator</th>
              <th>calibration target</th>
              <th>prompts</th>
              <th>calibration contexts</th>
              <th>seed</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row">
                <td>
                  <Link href={`/runs/${run.id}`}>Run {run.id}</Link>
                </td>
                <td>{run.createdAt.replace("T", " ").slice(0, 19)}</td>
                <td>
                  <code>{run.inputs.hookpoint}</code> {run.inputs.coderKind}
                </td>
                <td>{run.simulatorId}</td>
                <td>
                  {TARGETS[run.inputs.calibrationTarget] ?? run.inputs.calibrationTarget}, {run.inputs.estimator}
                </td>
                <td>{run.promptCount}</td>
                <td>{run.inputs.calibrationContextCount}</td>
                <td>{run.seed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
