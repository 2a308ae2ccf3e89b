import type { LatentOutputSide, OutputToken } from "@/lib/cache/latent-output-side";
import styles from "./latent-page.module.css";

function TokenList({ title, tokens, testId }: { title: string; tokens: OutputToken[]; testId: string }) {
  return (
    <div>
      <h3>{title}</h3>
      <ol data-testid={testId}>
        {tokens.map((t) => (
          <li key={t.token} data-token={t.token}>
            <code>{JSON.stringify(t.text)}</code>
            {/* A byte-level BPE piece of a multi-byte character shows as U+FFFD; its id tells such tokens apart. */}
            {t.text.includes("\uFFFD") ? <span className="muted"> #{t.token}</span> : null}{" "}
            <span className="muted">
              {t.logit >= 0 ? "+" : "−"}
              {Math.abs(t.logit).toFixed(3)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** What the latent writes: the tokens its decoder direction promotes and suppresses through the direct path. */
export function OutputTokens({ output, coderKind }: { output: LatentOutputSide | undefined; coderKind: "transcoder" | "sae" }) {
  return (
    <section className="panel" data-testid="latent-output-side" data-source={output?.source}>
      <h2>Output side</h2>
      {output ? (
        <>
          <p className="muted">
            Direct logit per unit of activation: the decoder row ({coderKind === "transcoder" ? "written into the MLP output" : "written into the residual stream"}, both added to the
            residual) through the final layer norm, treated as linear (its weight only: centring, variance and bias ignored, as is standard for direct logit attribution),
            then the unembedding. Later layers are skipped.{output.source === "on demand" ? " Computed on demand: this cache was built before output tokens were stored." : ""}
          </p>
          <div className={styles.outputSide}>
            <TokenList title="Promoted" tokens={output.promoted} testId="promoted-tokens" />
            <TokenList title="Suppressed" tokens={output.suppressed} testId="suppressed-tokens" />
          </div>
        </>
      ) : (
        <p className="muted">Not available: the pack this cache was built from is not loaded, and the cache has no stored output tokens.</p>
      )}
    </section>
  );
}
