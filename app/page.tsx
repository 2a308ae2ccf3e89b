import { PackPanel } from "@/components/pack-panel";
import { RunHeadline } from "@/components/run-headline";
import { TryYourText } from "@/components/try-your-text";
import { getDatabase } from "@/db/client";
import { latestRunOfPack } from "@/lib/evaluate/latest-pack-run";
import { defaultCoder } from "@/lib/packs/default-coder";
import { loadActivePack } from "@/lib/packs/loaded-pack";

// The pack is read from disk on each request so a rebuilt or re-pointed pack shows without a restart.
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const state = loadActivePack();
  const latestRun = state.status === "ok" ? await latestRunOfPack(getDatabase(), state.identity) : undefined;
  return (
    <>
      <h1>Partially rewriting a transformer in natural language</h1>
      <p className="muted">
        Replace a layer&apos;s transcoder latents with an LLM&apos;s predictions from their explanations, and measure what the model loses.
      </p>
      <PackPanel state={state} />
      {latestRun ? <RunHeadline run={latestRun} /> : null}
      {state.status === "ok" && state.pack.coders.length > 0 ? (
        <TryYourText coder={defaultCoder(state.pack)} />
      ) : null}
    </>
  );
}
