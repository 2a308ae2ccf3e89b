/** Who wrote the explanations and who simulated them, as the data says, so baseline numbers never pass for an LLM's. */
export interface OverviewProvenance {
  /** Current explanations by source label (labels say "not an LLM" for baselines). */
  explanations: { label: string; count: number }[];
  /** The latest run's simulator, labelled; absent before any run. */
  latestRunSimulator?: { id: string; label: string };
  /** The explorer's simulator for new edits: the configured LLM, else the lexical baseline (or why the settings fail). */
  liveSimulator: { label: string; isLlm: boolean } | { error: string };
}

export function ProvenanceTagline({ provenance }: { provenance: OverviewProvenance }) {
  const { explanations, latestRunSimulator, liveSimulator } = provenance;
  const anyLlm =
    explanations.some((e) => e.label.startsWith("LLM")) ||
    latestRunSimulator?.id.startsWith("llm:") === true ||
    ("isLlm" in liveSimulator && liveSimulator.isLlm);
  return (
    <p className="provenance-tagline" data-testid="provenance-tagline">
      <strong>On this pack:</strong> explanations{" "}
      {explanations.length ? explanations.map((e) => `${e.count.toLocaleString("en-US")} by ${e.label}`).join(", ") : "none yet"}
      {latestRunSimulator ? <>; the latest run&apos;s predictions by {latestRunSimulator.label}</> : null}; new edits simulated by{" "}
      {"error" in liveSimulator ? <span className="error-text">no simulator: {liveSimulator.error}</span> : liveSimulator.label}.
      {anyLlm ? null : (
        <>
          {" "}
          The paper had LLMs explain and simulate (Llama 3 8B Instruct simulated); point <code>REWRITE_LLM_BASE_URL</code> at an OpenAI-compatible server to do the
          same.
        </>
      )}
    </p>
  );
}
