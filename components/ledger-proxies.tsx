import Link from "next/link";
import { ProxyScatter } from "@/components/charts/proxy-scatter";
import type { LedgerRowWithExplanation, ProxyView } from "@/lib/evaluate";
import { PROXIES, type ProxyScore } from "@/lib/evaluate";

const PROXY_LABELS: Record<ProxyScore, string> = {
  detection: "detection score",
  fuzzing: "fuzzing score",
  correlation: "correlation (raw prediction vs true)",
};

const HIGH_COLOR = "var(--flag-high-cost)";
const LOW_COLOR = "var(--flag-low-cost)";

export interface LedgerProxiesProps {
  view: ProxyView;
  proxy: ProxyScore;
  /** Link to this page with another proxy chosen. */
  hrefOf: Record<ProxyScore, string>;
  latentQuery: string;
  ciLevel: number;
}

function MismatchList({ rows, proxy, latentQuery, testId }: { rows: readonly LedgerRowWithExplanation[]; proxy: ProxyScore; latentQuery: string; testId: string }) {
  if (rows.length === 0) return <p className="muted">None.</p>;
  return (
    <ul data-testid={testId}>
      {rows.map((r) => (
        <li key={r.latent} data-latent={r.latent}>
          <Link href={`/latents/${r.latent}${latentQuery}`}>latent {r.latent}</Link>: {PROXY_LABELS[proxy]} {r[proxy]?.toFixed(3)}, oracle gain{" "}
          {r.oracleGain.mean.toFixed(5)} [{r.oracleGain.lower.toFixed(5)}, {r.oracleGain.upper.toFixed(5)}] nats on {r.oracleChangedPrompts} prompts
          {r.explanation ? <span className="muted"> — {r.explanation}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Do the usual proxies rank explanations the way their causal cost does? ρ per proxy, a scatter, and the plain disagreements. */
export function LedgerProxies({ view, proxy, hrefOf, latentQuery, ciLevel }: LedgerProxiesProps) {
  const level = Math.round(ciLevel * 100);
  return (
    <section className="panel" data-testid="ledger-proxies">
      <h2>Proxies vs causal effect</h2>
      <p className="muted">
        Spearman ρ of each proxy with the oracle gain over explained latents, with a {level}% bootstrap CI that resamples latents. A proxy that
        tracked the cost would have ρ clearly below 0 (better scores, cheaper simulations); latents that rarely fire have gains near 0 whatever
        their score.
      </p>
      {view.agreement ? (
        <table data-testid="proxy-agreement">
          <thead>
            <tr>
              <th>proxy</th>
              <th>Spearman ρ with oracle gain [{level}% CI]</th>
              <th>latents</th>
            </tr>
          </thead>
          <tbody>
            {view.agreement.map((a) => (
              <tr key={a.proxy} data-proxy={a.proxy} data-rho={a.estimate}>
                <td>{PROXY_LABELS[a.proxy]}</td>
                <td style={{ fontVariantNumeric: "tabular-nums" }}>
                  {a.estimate.toFixed(3)} [{a.lower.toFixed(3)}, {a.upper.toFixed(3)}]
                </td>
                <td>{a.latentCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">This run was stored before proxies were compared; rerun <code>rewrite evaluate</code> for ρ and its CI.</p>
      )}
      <p>
        Plot:{" "}
        {PROXIES.map((p) => (
          <span key={p}>
            {p === proxy ? <strong>{PROXY_LABELS[p]}</strong> : <Link href={hrefOf[p]}>{PROXY_LABELS[p]}</Link>}{" "}
          </span>
        ))}
      </p>
      <ProxyScatter
        points={view.points}
        xLabel={PROXY_LABELS[proxy]}
        highlights={[
          { latents: view.highScoreLargeCost.map((r) => r.latent), color: HIGH_COLOR, label: "high score, large cost" },
          { latents: view.lowScoreNoCost.map((r) => r.latent), color: LOW_COLOR, label: "low score, no detectable cost" },
        ]}
      />
      <h3>A high {PROXY_LABELS[proxy]} hides a large cost</h3>
      <p className="muted">
        Score in its top quartile (≥ {view.highThreshold.toFixed(3)}) and an oracle gain whose CI lies above 0: fixing these simulations clearly
        recovers loss although the proxy calls the explanation good. Largest gain first.
      </p>
      <MismatchList rows={view.highScoreLargeCost} proxy={proxy} latentQuery={latentQuery} testId="high-score-large-cost" />
      <h3>A low {PROXY_LABELS[proxy]}, no detectable cost</h3>
      <p className="muted">
        Score in its bottom quartile (≤ {view.lowThreshold.toFixed(3)}), a simulation that changed the full rewrite on at least 10 prompts, and an
        oracle gain whose CI reaches 0 or below. Most prompts changed first.
      </p>
      <MismatchList rows={view.lowScoreNoCost} proxy={proxy} latentQuery={latentQuery} testId="low-score-no-cost" />
    </section>
  );
}
