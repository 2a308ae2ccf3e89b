import Link from "next/link";
import type { LatentCostOnPrompt } from "@/lib/evaluate";
import type { PromptPageData } from "@/lib/evaluate";

const shown = (text: string) => JSON.stringify(text).slice(1, -1);

function CostTable({ rows, latentQuery, testId }: { rows: readonly (LatentCostOnPrompt & { explanation: string | null })[]; latentQuery: string; testId: string }) {
  if (rows.length === 0) return <p className="muted">None.</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>latent</th>
          <th>simulation error</th>
          <th title="CE recovered on this prompt if only this simulation were the truth">oracle gain here, nats</th>
          <th>simulated</th>
          <th>true</th>
          <th>current explanation</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.latent} data-latent={r.latent} data-error={r.error}>
            <td>
              <Link href={`/latents/${r.latent}${latentQuery}`}>{r.latent}</Link>
            </td>
            <td>{r.error}</td>
            <td style={{ fontVariantNumeric: "tabular-nums" }}>{r.gainNats.toFixed(5)}</td>
            <td>{r.simulated.toPrecision(3)}</td>
            <td>{r.truth.toPrecision(3)}</td>
            <td>{r.explanation ?? <span className="muted">none</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One test prompt: what the clean and the fully rewritten model predict, and which simulation errors cost the most there. */
export function RunPromptView({ data }: { data: PromptPageData }) {
  const latentQuery = `?coder=${encodeURIComponent(data.hookpoint)}`;
  const { clean, coderAlone, rewritten } = data.ceNats;
  return (
    <>
      <section className="panel">
        <h2>The prompt</h2>
        <p data-testid="prompt-text" style={{ whiteSpace: "pre-wrap", fontFamily: "monospace" }}>
          {data.tokens.slice(0, -1).join("")}
          <mark>{data.tokens.at(-1)}</mark>
        </p>
        <p>
          Next token (the CE target): <code data-testid="prompt-target">{shown(data.target)}</code>
        </p>
        <table data-testid="prompt-ce">
          <thead>
            <tr>
              <th>model</th>
              <th>CE at the last token, nats</th>
              <th>− clean</th>
            </tr>
          </thead>
          <tbody>
            {[
              ["clean", clean],
              ["transcoder alone", coderAlone],
              ["every latent rewritten, calibrated", rewritten],
            ].map(([label, ce]) => (
              <tr key={label as string}>
                <td>{label}</td>
                <td>{(ce as number).toFixed(4)}</td>
                <td>{((ce as number) - clean).toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Next-token distributions</h2>
        <table data-testid="prompt-next-tokens">
          <thead>
            <tr>
              <th>rank</th>
              <th>clean</th>
              <th>probability</th>
              <th>rewritten</th>
              <th>probability</th>
            </tr>
          </thead>
          <tbody>
            {data.clean.map((c, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <code>{shown(c.text)}</code>
                </td>
                <td>{c.probability.toFixed(4)}</td>
                <td>
                  <code>{shown(data.rewritten[i]?.text ?? "")}</code>
                </td>
                <td>{data.rewritten[i]?.probability.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Where the loss went on this prompt</h2>
        <p className="muted">
          Latents whose truth (the transcoder&rsquo;s TopK output) changes the full rewrite on this prompt, by the CE it recovers when only that
          latent&rsquo;s simulation is replaced. False positive: simulated active, truly inactive; missed: truly active, simulated 0; wrong
          magnitude: both active.
        </p>
        <CostTable rows={data.costliest} latentQuery={latentQuery} testId="prompt-costliest" />
        <h3>Errors that happened to help here</h3>
        <CostTable rows={data.helpful} latentQuery={latentQuery} testId="prompt-helpful" />
      </section>
    </>
  );
}
