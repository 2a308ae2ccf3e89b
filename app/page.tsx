import { PackPanel } from "@/components/pack-panel";
import { TryYourText } from "@/components/try-your-text";
import { loadActivePack } from "@/lib/packs/loaded-pack";

// The pack is read from disk on each request so a rebuilt or re-pointed pack shows without a restart.
export const dynamic = "force-dynamic";

export default function OverviewPage() {
  const state = loadActivePack();
  return (
    <>
      <h1>Partially rewriting a transformer in natural language</h1>
      <p className="muted">
        Replace a layer&apos;s transcoder latents with an LLM&apos;s predictions from their explanations, and measure what the model loses.
      </p>
      <PackPanel state={state} />
      {state.status === "ok" && state.pack.coders.length > 0 ? (
        <TryYourText coder={state.pack.coders.find((c) => c.kind === "transcoder") ?? state.pack.coders[0]} />
      ) : null}
    </>
  );
}
