import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunView } from "@/components/run-view";
import { SnapshotBanner } from "@/components/snapshot-banner";
import { getDatabase } from "@/db/client";
import { loadShare } from "@/lib/share/load-share";
import { parseRunViewQuery, runViewKey } from "@/lib/share/run-view-query";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = loadShare(getDatabase(), (await params).slug);
  if (!share) return { title: "Shared page not found" };
  const { title, description } = share;
  return { title, description, openGraph: { title, description, type: "article", siteName: "Rewrite" }, twitter: { card: "summary", title, description } };
}

/** A shared result: rendered from its frozen snapshot only, read-only. */
export default async function SharedPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const share = loadShare(getDatabase(), slug);
  if (!share) notFound();
  const { snapshot } = share;
  const view = parseRunViewQuery(await searchParams);
  const data = snapshot.variants[runViewKey(view)];
  if (!data) notFound();
  return (
    <>
      <SnapshotBanner createdAt={share.createdAt} pack={snapshot.pack} liveHref={`/runs/${snapshot.runId}`} liveLabel={`run ${snapshot.runId}`} />
      <h1 data-testid="share-title">{share.title}</h1>
      <p className="muted" data-testid="share-description">
        {share.description}
      </p>
      <RunView data={data} statistic={view.statistic} topSelection={view.topSelection} basePath={`/s/${slug}`} />
    </>
  );
}
