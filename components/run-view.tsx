import Link from "next/link";
import { CeIncreaseBars, type CeIncreaseSeries } from "@/components/charts/ce-increase-bars";
import { Figure3TableView } from "@/components/figure3-table";
import { RunErrorDecomposition } from "@/components/run-error-decomposition";
import { RunExplanationQuality } from "@/components/run-explanation-quality";
import { RunPairedVerdicts } from "@/components/run-paired-verdicts";
import { RunProtocolTable } from "@/components/run-protocol-table";
import { RunWorstPrompts } from "@/components/run-worst-prompts";
import type { Figure3ColumnId, Figure3Statistic } from "@/lib/evaluate";
import type { RunPageData } from "@/lib/evaluate";
import type { RunRanking } from "@/lib/share/run-view-query";

// Calibrated = the calibrated colour, uncalibrated = the predicted colour (as on every chart); random is faded.
const SERIES_STYLE: Partial<Record<Figure3ColumnId, { color: string; faded?: boolean }>> = {
  "top-calibrated": { color: "var(--series-calibrated)" },
  "random-calibrated": { color: "var(--series-calibrated)", faded: true },
  "top-uncalibrated": { color: "var(--series-predicted)" },
  "random-uncalibrated": { color: "var(--series-predicted)", faded: true },
  "zero-chosen": { color: "var(--muted)" },
};

const STATISTICS: Record<Figure3Statistic, string> = { mean: "mean CE increase", "median-absolute": "median |CE increase| (Fig. 3's bars)" };
const RANKINGS = { "top-detection": "detection score", "top-fuzzing": "fuzzing score" } as const;



export interface RunViewProps {
  data: RunPageData;
  statistic: Figure3Statistic;
  topSelection: RunRanking;
  /** Where the statistic / ranking links point: the run page, or a shared snapshot of it. */
  basePath: string;
}

/** One evaluation run as the paper's Figure 3 + Fig. 4: shared by /runs/[id] and its snapshots under /s/. */
export function RunView({ data, statistic, topSelection, basePath }: RunViewProps) {
  const { table, inputs, extras } = data;
  const referenceColumn = table.columns.findIndex((c) => c.id === table.primaryReference);
  const series: CeIncreaseSeries[] = table.columns.flatMap((column, i) => {
    const style = SERIES_STYLE[column.id];
    return style ? [{ id: column.id, label: column.label, ...style, cells: table.rows.map((r) => r.cells[i]) }] : [];
  });
  const referenceCell = table.rows[0]?.cells[referenceColumn] ?? null;
  const yLabel = `${STATISTICS[statistic]} over the clean model (nats)`;
  const reference = referenceCell ? { label: table.columns[referenceColumn].label, cell: referenceCell } : undefined;
  const link = (patch: Record<string, string>) => `${basePath}?${new URLSearchParams({ statistic, rank: topSelection, ...patch })}`;
  const calibrated = data.calibrations.find((c) => c.mode === "calibrated-quantile");
  return (
    <>
      <p data-testid="paired-verdict">{data.verdict}</p>
      <p className="muted">
        Predictions by <code>{inputs.simulatorId}</code>
        {inputs.simulatorId.startsWith("llm:") ? "" : ", an offline string-matching baseline (no LLM)"}. Quantile normalizer fitted on{" "}
        {inputs.calibrationContextCount} cached training tokens against{" "}
        {inputs.calibrationTarget === "cache" ? "target (a), the whole activation cache" : "target (b), the true activations on those tokens"} (
        {inputs.estimator} quantiles). Clean model: {table.cleanCeMeanNats.toFixed(3)} nats mean CE; {data.coderKind} alone adds{" "}
        {table.coderAlone.estimate.toFixed(3)} [{table.coderAlone.lower.toFixed(3)}, {table.coderAlone.upper.toFixed(3)}].
      </p>

      <section className="panel">
        <h2>CE increase by fraction rewritten</h2>
        <p>
          Show:{" "}
          {(Object.keys(STATISTICS) as Figure3Statistic[]).map((s) => (
            <span key={s}>
              {s === statistic ? <strong>{STATISTICS[s]}</strong> : <Link href={link({ statistic: s })}>{STATISTICS[s]}</Link>}{" "}
            </span>
          ))}
          · rank latents by:{" "}
          {(Object.keys(RANKINGS) as (keyof typeof RANKINGS)[]).map((r) => (
            <span key={r}>
              {r === topSelection ? <strong>{RANKINGS[r]}</strong> : <Link href={link({ rank: r })}>{RANKINGS[r]}</Link>}{" "}
            </span>
          ))}
        </p>
        <CeIncreaseBars
          fractions={table.rows.map((r) => r.fraction)}
          series={series}
          reference={reference}
          yLabel={yLabel}
        />
        <p className="muted">
          Error bars and the band: {Math.round(table.ciLevel * 100)}% bootstrap CIs over prompts ({data.config.bootstrapResamples} resamples)
          {table.randomDraws > 0 ? `; random selections pool ${table.randomDraws} draws` : ""}.
        </p>
        <Figure3TableView table={table} />
        <h3>Paired verdicts: top-scoring calibrated rewriting minus each reference, prompt by prompt</h3>
        <p className="muted">
          Each cell is the mean over prompts of (rewritten CE − reference CE) with a bootstrap CI that resamples prompts with both values
          together; &ldquo;better&rdquo; means the whole CI lies below 0. Overlapping bars above can still hide a clear paired difference.
        </p>
        {/* Snapshots shared before paired verdicts and the protocol table existed carry neither. */}
        <RunPairedVerdicts verdicts={data.pairedVerdicts ?? []} ciLevel={table.ciLevel} />
      </section>

      <RunErrorDecomposition
        view={data.errorDecomposition}
        reference={reference}
        ciLevel={table.ciLevel}
        yLabel={yLabel}
        ledgerHref={data.hasLedger ? `/runs/${data.id}/ledger` : undefined}
      />
      {data.worstPrompts ? <RunWorstPrompts prompts={data.worstPrompts} runPath={`/runs/${data.id}`} /> : null}

      <section className="panel">
        <h2>Protocol</h2>
        {data.protocol ? <RunProtocolTable protocol={data.protocol} /> : <p className="muted">This snapshot was shared before protocol choices were recorded.</p>}
      </section>

      {calibrated ? <RunExplanationQuality data={data} calibrated={calibrated} /> : null}

      {extras && extras.sampleSizeStudy.length > 0 ? (
        <section className="panel" data-testid="sample-size-study">
          <h2>Calibration sample size (App. B)</h2>
          <p className="muted">
            The quantile normalizer refitted on nested subsamples of the calibration contexts (the paper compares 1K with 10K); latents
            rewritten in order of detection score. &ldquo;Predicted active&rdquo;: calibrated predictions on the prompts that are non-zero;
            &ldquo;target active&rdquo;: what the target distribution says that fraction should be.
          </p>
          <div style={{ overflowX: "auto" }}>
            <table>
              <thead>
                <tr>
                  <th rowSpan={2}>calibration contexts</th>
                  <th rowSpan={2}>predicted active</th>
                  <th rowSpan={2}>target active</th>
                  <th rowSpan={2}>mean |Δ| vs the largest sample</th>
                  <th colSpan={extras.sampleSizeStudy[0].ceIncrease.length}>mean CE increase (nats) at fraction rewritten</th>
                </tr>
                <tr>
                  {extras.sampleSizeStudy[0].ceIncrease.map((c) => (
                    <th key={c.fraction}>{c.fraction}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {extras.sampleSizeStudy.map((row) => (
                  <tr key={row.sampleSize} data-testid="sample-size-row">
                    <td>{row.sampleSize}</td>
                    <td>{(100 * row.predictedActiveFraction).toFixed(2)}%</td>
                    <td>{(100 * row.targetActiveFraction).toFixed(2)}%</td>
                    <td>{row.meanAbsoluteDifferenceFromLargest.toFixed(4)}</td>
                    {row.ceIncrease.map((c) => (
                      <td key={c.fraction} title={`[${c.summary.meanIncreaseNats.lower.toFixed(3)}, ${c.summary.meanIncreaseNats.upper.toFixed(3)}]`}>
                        {c.summary.meanIncreaseNats.estimate.toFixed(3)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="panel" data-testid="run-config">
        <h2>Config and inputs</h2>
        <dl className="facts">
          {Object.entries({
            seed: String(data.config.seed),
            fractions: data.config.fractions.join(", "),
            selections: data.config.selections.join(", "),
            "random draws": String(data.config.randomDraws),
            "bootstrap resamples": String(data.config.bootstrapResamples),
            "CI level": String(data.config.ciLevel),
            "latents / k": `${data.numLatents} / ${data.k}`,
            "latents simulated": extras ? String(extras.simulatedLatentCount) : "—",
            "failed predictions": extras ? String(extras.failedPredictionCount) : "—",
            "unscored latents (detection / fuzzing)": `${data.unscoredLatentCount.detection} / ${data.unscoredLatentCount.fuzzing}`,
            "patched forward passes": String(data.forwardPassCount),
            ...inputs,
          }).map(([key, value]) => (
            <div key={key} style={{ display: "contents" }}>
              <dt>{key}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
