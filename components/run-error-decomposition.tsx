import Link from "next/link";
import { CeIncreaseBars, type CeIncreaseCell } from "@/components/charts/ce-increase-bars";
import { Figure3TableView } from "@/components/figure3-table";
import type { DecompositionVariant } from "@/lib/evaluate";
import type { ErrorDecompositionView } from "@/lib/evaluate";

// Simulated = the calibrated colour and true = the true colour, as on every chart; the repairs sit between them.
const VARIANT_COLORS: Record<DecompositionVariant, string> = {
  simulated: "var(--series-calibrated)",
  "perfect-specificity": "var(--repair-specificity)",
  "perfect-recall": "var(--repair-recall)",
  "true-active-set": "var(--repair-active-set)",
  "true-magnitudes": "var(--repair-magnitudes)",
  true: "var(--series-true)",
};

export interface RunErrorDecompositionProps {
  view: ErrorDecompositionView | null | undefined;
  reference?: { label: string; cell: CeIncreaseCell };
  ciLevel: number;
  yLabel: string;
  /** The run's fix-first ledger, when it has one. */
  ledgerHref?: string;
}

/** §3.1 made measurable: the calibrated rewrite's CE increase with one kind of simulation error repaired at a time. */
export function RunErrorDecomposition({ view, reference, ciLevel, yLabel, ledgerHref }: RunErrorDecompositionProps) {
  if (!view) {
    return (
      <section className="panel" data-testid="error-decomposition">
        <h2>Where the loss comes from</h2>
        <p className="muted">This run was stored before the error decomposition was measured; rerun <code>rewrite evaluate</code> to get it.</p>
      </section>
    );
  }
  const series = view.columns.map((c, i) => ({ id: c.id, label: c.label, color: VARIANT_COLORS[c.id], cells: view.rows.map((r) => r.cells[i]) }));
  const level = Math.round(ciLevel * 100);
  return (
    <section className="panel" data-testid="error-decomposition">
      <h2>Where the loss comes from</h2>
      <p className="muted">
        The top-detection latents rewritten at each fraction, calibrated, with one kind of error repaired by the truth at a time. &ldquo;Truly
        active&rdquo; means in the transcoder&rsquo;s own TopK; &ldquo;predicted active&rdquo; means a calibrated prediction above 0. Perfect
        specificity keeps simulated values only where the latent is truly active; perfect recall adds every missed true latent; the true active
        set carries simulated magnitudes; true magnitudes replace simulated values where the latent is truly active and keep false positives.
        Missed latents: {view.missedMagnitudeRule}.
      </p>
      <CeIncreaseBars fractions={view.rows.map((r) => r.fraction)} series={series} reference={reference} yLabel={yLabel} testIdPrefix="decomposition" />
      <Figure3TableView table={view} testId="decomposition-table" rowTestId="decomposition-row" />
      <h3>What repairing each kind of error saves</h3>
      <p className="muted">
        Mean over prompts of CE(simulated) − CE(repaired), nats, with a {level}% paired bootstrap CI: a CI above 0 means that kind of error
        clearly costs loss at that fraction.
      </p>
      <Figure3TableView table={{ columns: view.repairs, rows: view.savings }} testId="decomposition-savings" rowTestId="decomposition-saving-row" />
      {ledgerHref ? (
        <p>
          <Link href={ledgerHref} data-testid="ledger-link">
            Which latents to fix first: the ledger of oracle gains →
          </Link>
        </p>
      ) : null}
    </section>
  );
}
