import type { CoderChoice } from "@/lib/browse/coder-choices";
import { BuildCacheButton } from "./build-cache-button";

/** Shown on /latents for a coder without a summarized cache: what is missing, and a button that builds it. */
export function BuildCacheOffer({ coder, requested }: { coder?: CoderChoice; requested?: string }) {
  if (!coder) {
    return (
      <section className="panel error-state" data-testid="no-latent-cache">
        <h2>{requested ? `The active pack has no coder at ${requested}` : "No coder to show"}</h2>
        <p>
          Choose one of the pack&apos;s coders above, or add a pack with coders on <a href="/packs">Packs</a>.
        </p>
      </section>
    );
  }
  return (
    <section className="panel error-state" data-testid="no-latent-cache">
      <h2>
        No activation cache for the {coder.kind} <code>{coder.hookpoint}</code> yet
      </h2>
      <p>
        The latent pages read a coder&apos;s activation cache. Build it here (the same as <code>npm run rewrite -- cache --coder {coder.hookpoint}</code>);
        progress also shows on <a href="/jobs">Jobs</a>.
      </p>
      {coder.buildable ? <BuildCacheButton hookpoint={coder.hookpoint} runningJobId={coder.buildJobId} /> : <p className="muted">This coder belongs to no readable pack, so it cannot be cached from here.</p>}
    </section>
  );
}
