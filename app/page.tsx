import { PackPanel } from "@/components/pack-panel";
import { RunHeadline } from "@/components/run-headline";
import { TryYourText } from "@/components/try-your-text";
import { ProvenanceTagline, type OverviewProvenance } from "@/components/overview/provenance-tagline";
import { RewriteSummary } from "@/components/overview/rewrite-summary";
import { StartHere } from "@/components/overview/start-here";
import { getDatabase } from "@/db/client";
import { listLatents } from "@/db/latent-list";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { latestRunOfPack } from "@/lib/evaluate";
import { provenanceCounts, scorerSourceLabel } from "@/lib/explain";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { defaultCoder } from "@/lib/packs/default-coder";
import { loadActivePack } from "@/lib/packs/loaded-pack";

// The pack is read from disk on each request so a rebuilt or re-pointed pack shows without a restart.
export const dynamic = "force-dynamic";

// Bad LLM settings must not take the overview down: they are shown where the simulator would be named.
function liveSimulator(): OverviewProvenance["liveSimulator"] {
  try {
    const { info, scorer } = explorerSimulator();
    return { label: info.label, isLlm: scorer === "llm" };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export default async function OverviewPage() {
  const db = getDatabase();
  const state = loadActivePack();
  const latestRun = state.status === "ok" ? await latestRunOfPack(db, state.identity) : undefined;
  const selection = selectLatentCache(db, state);
  const best = selection ? listLatents(db, selection.cache.id, { sort: "detection", direction: "desc", page: 1, pageSize: 1 }).rows[0] : undefined;
  const simulatorId = latestRun?.inputs.simulatorId;
  const provenance: OverviewProvenance = {
    explanations: selection ? provenanceCounts(db, selection.cache.id).explanations : [],
    latestRunSimulator: simulatorId ? { id: simulatorId, label: scorerSourceLabel(simulatorId) } : undefined,
    liveSimulator: liveSimulator(),
  };
  return (
    <>
      <h1>Partially rewriting a transformer in natural language</h1>
      <p className="muted">
        Replace a layer&apos;s transcoder latents with a simulator&apos;s predictions from their explanations, and measure what the model loses.
      </p>
      <ProvenanceTagline provenance={provenance} />
      <RewriteSummary />
      <StartHere
        targets={{
          latent: best?.explanation ? { index: best.latent, explanation: best.explanation, detectionScore: best.detectionScore } : undefined,
          runId: latestRun?.id,
        }}
      />
      <PackPanel state={state} />
      {latestRun ? <RunHeadline run={latestRun} /> : null}
      {state.status === "ok" && state.pack.coders.length > 0 ? (
        <TryYourText coder={defaultCoder(state.pack)} />
      ) : null}
    </>
  );
}
