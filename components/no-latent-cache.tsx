/** Shown instead of the latent pages while no summarized cache exists for the loaded pack. */
export function NoLatentCache({ coder }: { coder?: string }) {
  return (
    <section className="panel error-state" data-testid="no-latent-cache">
      <h2>No activation cache{coder ? ` for ${coder}` : ""} yet</h2>
      <p>
        The latent pages read the activation cache of the loaded pack. Build it with <code>npm run rewrite -- cache</code> (the start-up
        preparation does the same); progress and errors show on <a href="/jobs">Jobs</a>.
      </p>
    </section>
  );
}
