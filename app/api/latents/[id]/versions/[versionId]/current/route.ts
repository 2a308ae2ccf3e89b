import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { makeExplanationCurrent } from "@/db/explanations";
import { explorerVersionById, latentExplorerData } from "@/lib/explore/explorer-page-data";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { explorerTarget } from "@/lib/explore/explorer-target";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

/** POST /api/latents/:id/versions/:versionId/current?coder= → makes that version current; answers the updated versions. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  const db = getDatabase();
  const target = explorerTarget(db, loadActivePack(db), id, request.nextUrl.searchParams.get("coder") ?? undefined);
  if (!target.ok) return NextResponse.json({ error: target.error }, { status: 404 });
  const info = explorerSimulator().info;
  const version = /^\d{1,12}$/.test(versionId) ? explorerVersionById(db, target.cache.id, target.latent, Number(versionId), info) : undefined;
  if (!version) return NextResponse.json({ error: `explanation version "${versionId}" is not a version of latent ${target.latent}` }, { status: 404 });
  makeExplanationCurrent(db, version.id);
  return NextResponse.json(latentExplorerData(db, target.cache, target.latent, info));
}
