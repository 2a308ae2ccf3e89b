import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunView } from "@/components/run-view";
import { ShareButton } from "@/components/share-button";
import { getDatabase } from "@/db/client";
import { loadRunPageData } from "@/lib/evaluate";
import { parseRunViewQuery } from "@/lib/share/run-view-query";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run ${(await params).id}` };
}

export default async function RunPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { statistic, topSelection } = parseRunViewQuery(await searchParams);
  const data = await loadRunPageData(getDatabase(), id, { statistic, topSelection });
  if (!data) notFound();
  return (
    <>
      <p className="muted">
        <Link href="/runs">Runs</Link> / run {id}
      </p>
      <h1 data-testid="run-title">
        Run {id}: {data.coderKind} <code>{data.inputs.hookpoint}</code>, {data.promptCount} held-out prompts
      </h1>
      <ShareButton request={{ kind: "run", runId: Number(id) }} />
      <RunView data={data} statistic={statistic} topSelection={topSelection} basePath={`/runs/${id}`} />
    </>
  );
}
