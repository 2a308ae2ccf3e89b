import type { LoadedPackState } from "@/lib/packs/loaded-pack";

/** What the loaded pack is, read from its files; or why there is none. */
export function PackPanel({ state }: { state: LoadedPackState }) {
  if (state.status === "missing") {
    return (
      <section className="panel error-state" data-testid="pack-state" data-status="missing">
        <h2>No pack found</h2>
        <p>
          No pack found at <code>{state.dir}</code>. Set <code>REWRITE_PACK_DIR</code> to a folder with a <code>pack.json</code>, or
          rebuild the embedded demo pack with <code>npm run train:demo</code>.
        </p>
      </section>
    );
  }
  if (state.status === "invalid") {
    return (
      <section className="panel error-state" data-testid="pack-state" data-status="invalid">
        <h2>The pack at {state.dir} could not be read</h2>
        <p>{state.error}</p>
      </section>
    );
  }
  const { pack } = state;
  return (
    <section className="panel" data-testid="pack-state" data-status="ok">
      <h2>
        Pack <span data-testid="pack-name">{pack.name}</span>
      </h2>
      <dl className="facts">
        <dt>Model</dt>
        <dd data-testid="pack-model">
          GPT-NeoX, {pack.model.layers} layers, d_model {pack.model.dModel}, {pack.model.heads} heads, vocabulary {pack.model.vocabSize}
        </dd>
        <dt>Rewritten layer</dt>
        <dd data-testid="pack-layer">{pack.layer}</dd>
        {pack.coders.map((coder) => (
          <CoderFacts key={coder.hookpoint} coder={coder} />
        ))}
        <dt>Identity</dt>
        <dd>
          <code>{state.identity}</code>
        </dd>
        <dt>Folder</dt>
        <dd>
          <code>{pack.dir}</code>
        </dd>
      </dl>
    </section>
  );
}

function CoderFacts({ coder }: { coder: { kind: string; hookpoint: string; numLatents: number; k: number; skipConnection: boolean } }) {
  return (
    <>
      <dt>{coder.kind === "transcoder" ? "Transcoder" : "Residual SAE"}</dt>
      <dd data-testid={`coder-${coder.kind}`}>
        <code>{coder.hookpoint}</code>: {coder.numLatents.toLocaleString("en-US")} latents, TopK k={coder.k}
        {coder.skipConnection ? ", skip connection" : ""}
      </dd>
    </>
  );
}
