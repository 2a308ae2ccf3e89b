import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharedLatent } from "@/components/shared-latent";
import { SharedRun } from "@/components/shared-run";
import { getDatabase } from "@/db/client";
import { loadShare } from "@/lib/share/load-share";
import { parseRunViewQuery } from "@/lib/share/run-view-query";

export const dynamic = "force-dynamic";

// The metadata and the page read the same snapshot: parse it once per request.
const sharedSnapshot = cache((slug: string) => loadShare(getDatabase(), slug));

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = sharedSnapshot((await params).slug);
  if (!share) return { title: "Shared page not found" };
  const { title, description } = share;
  return { title, description, openGraph: { title, description, type: "article", siteName: "Rewrite" }, twitter: { card: "summary", title, description } };
}

/** A shared result: rendered from its frozen snapshot only, read-only. */
export default async function SharedPage({ params, searchParams }: Props) {
  const share = sharedSnapshot((await params).slug);
  if (!share) notFound();
  const { snapshot } = share;
  if (snapshot.kind === "latent") return <SharedLatent share={share} snapshot={snapshot} />;
  return <SharedRun share={share} snapshot={snapshot} view={parseRunViewQuery(await searchParams)} />;
}
