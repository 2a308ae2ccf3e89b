import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProvenanceCaption } from "@/components/provenance-caption";
import { CoderSwitch } from "@/components/coder-switch";
import { LatentFilters } from "@/components/latent-filters";
import { LatentPager } from "@/components/latent-pager";
import { LatentTable } from "@/components/latent-table";
import { BuildCacheOffer } from "@/components/latents/build-cache-offer";
import { FrequencyDensity } from "@/components/charts/frequency-density";
import { LatentJump } from "@/components/latents/latent-jump";
import { SlashFocusesSearch } from "@/components/latents/slash-focus";
import { getDatabase } from "@/db/client";
import { loadLatentListPage } from "@/lib/browse/latent-list-page";
import { latentJumpTarget, latentListHref, parseLatentListParams, type SearchParamsRecord } from "@/lib/cache/latent-list-params";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Latents" };

export default async function LatentsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  const db = getDatabase();
  const data = loadLatentListPage(db, loadActivePack(db), parseLatentListParams(record));
  const hrefForCoder = (coder: string) => latentListHref(data.state, { coder, page: 1 });
  if (data.status === "no-cache") {
    return (
      <>
        <h1>Latents</h1>
        <CoderSwitch coders={data.coders} current={data.coder?.hookpoint} hrefFor={hrefForCoder} />
        <BuildCacheOffer coder={data.coder} requested={data.state.coder} />
      </>
    );
  }
  const { cache, state } = data;
  const goto = typeof record.goto === "string" ? record.goto : undefined;
  const jump = goto === undefined ? undefined : latentJumpTarget(goto, cache.numLatents, state.coder);
  if (jump && "href" in jump) redirect(jump.href);
  return (
    <>
      <h1>Latents</h1>
      <p className="muted">
        {cache.numLatents.toLocaleString("en-US")} latents of the {cache.coderKind} at <code>{cache.hookpoint}</code>, summarized over{" "}
        {cache.numTokens.toLocaleString("en-US")} cached tokens. Frequency is the fraction of tokens on which a latent is non-zero.
        {data.measures ? (
          <>
            {" "}
            Correlation, sensitivity and rewrite impact are those of <a href={`/runs/${data.measures.runId}`}>run {data.measures.runId}</a>.
          </>
        ) : (
          " No evaluation run of this cache has stored per-latent correlation, sensitivity or rewrite impact yet."
        )}
      </p>
      <ProvenanceCaption counts={data.provenance} />
      <CoderSwitch coders={data.coders} current={cache.hookpoint} hrefFor={hrefForCoder} />
      {data.notices.map((notice) => (
        <p key={notice} className="panel" role="status" data-testid="latent-list-notice">
          {notice}
        </p>
      ))}
      <FrequencyDensity histogram={data.histogram} />
      <LatentJump numLatents={cache.numLatents} state={state} typed={goto} error={jump && "error" in jump ? jump.error : undefined} />
      <LatentFilters state={state} measures={data.measures?.available ?? []} searchExample={data.searchExample} />
      <SlashFocusesSearch />
      <LatentPager state={state} total={data.total} />
      <LatentTable rows={data.rows} state={state} measures={data.measures?.available ?? []} />
      <LatentPager state={state} total={data.total} />
    </>
  );
}
