import type { Metadata } from "next";
import { getDatabase } from "@/db/client";
import { listLatents } from "@/db/latent-list";
import { CoderSwitch } from "@/components/coder-switch";
import { LatentFilters } from "@/components/latent-filters";
import { LatentPager } from "@/components/latent-pager";
import { LatentTable } from "@/components/latent-table";
import { NoLatentCache } from "@/components/no-latent-cache";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { provenanceCounts } from "@/lib/explain/explanation-provenance";
import { ProvenanceCaption } from "@/components/provenance-caption";
import { latentListHref, parseLatentListParams, type SearchParamsRecord } from "@/lib/cache/latent-list-params";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Latents" };

export default async function LatentsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const state = parseLatentListParams(await searchParams);
  const db = getDatabase();
  const selection = selectLatentCache(db, loadActivePack(), state.coder);
  if (!selection) {
    return (
      <>
        <h1>Latents</h1>
        <NoLatentCache coder={state.coder} />
      </>
    );
  }
  const { rows, total } = listLatents(db, selection.cache.id, state);
  return (
    <>
      <h1>Latents</h1>
      <p className="muted">
        {selection.cache.numLatents.toLocaleString("en-US")} latents of the {selection.cache.coderKind} at <code>{selection.cache.hookpoint}</code>, summarized over{" "}
        {selection.cache.numTokens.toLocaleString("en-US")} cached tokens. Frequency is the fraction of tokens on which a latent is non-zero.
      </p>
      <ProvenanceCaption counts={provenanceCounts(db, selection.cache.id)} />
      {selection.caches.length > 1 ? (
        <CoderSwitch caches={selection.caches} current={selection.cache.hookpoint} hrefFor={(coder) => latentListHref(state, { coder, page: 1 })} />
      ) : null}
      <LatentFilters state={state} />
      <LatentPager state={state} total={total} />
      <LatentTable rows={rows} state={state} />
      <LatentPager state={state} total={total} />
    </>
  );
}
