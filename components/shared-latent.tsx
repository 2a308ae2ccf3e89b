import type { LoadedShare } from "@/lib/share/load-share";
import type { LatentShareSnapshot } from "@/lib/share/share-snapshot";
import { ActivationHistogram } from "./charts/activation-histogram";
import { ExampleWindows } from "./example-windows";
import { LatentExplorerView } from "./latent-explorer-view";
import { LatentStats } from "./latent-stats";
import { SnapshotBanner } from "./snapshot-banner";

/** A shared latent: the explanation version, its simulation beside the version it came from, and the cache's view of the latent. */
export function SharedLatent({ share, snapshot }: { share: LoadedShare; snapshot: LatentShareSnapshot }) {
  const { page, explanation, previous, simulator } = snapshot;
  return (
    <>
      <SnapshotBanner
        createdAt={share.createdAt}
        pack={snapshot.pack}
        liveHref={`/latents/${page.latent}?coder=${encodeURIComponent(page.hookpoint)}`}
        liveLabel={`latent ${page.latent}`}
      />
      <h1 data-testid="share-title">
        Latent {page.latent} <code>{page.hookpoint}</code>
      </h1>
      <section className="panel" data-testid="latent-explanation">
        <h2>Explanation</h2>
        {explanation ? (
          <>
            <p data-testid="shared-explanation-text">{explanation.text}</p>
            <p className="muted" data-testid="explanation-source">
              Source: {explanation.sourceLabel} · version {explanation.id}
              {explanation.isCurrent ? " (current when shared)" : ""}
            </p>
            {previous ? (
              <p className="muted" data-testid="shared-previous-explanation">
                Edited from version {previous.id} ({previous.sourceLabel}): <q>{previous.text}</q>
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">Not explained yet when shared.</p>
        )}
      </section>
      <LatentStats data={page} />
      {explanation ? (
        <section className="panel">
          <h2>Simulation{previous ? ": this version vs the one it was edited from" : ""}</h2>
          <LatentExplorerView version={explanation} previous={previous} simulator={simulator} />
        </section>
      ) : null}
      <h2>Activation distribution</h2>
      <ActivationHistogram edges={page.histogram.edges} counts={page.histogram.counts} />
      <h2>Top examples</h2>
      <ExampleWindows examples={page.topExamples} scaleMax={page.maxActivation} testId="top-examples" />
    </>
  );
}
