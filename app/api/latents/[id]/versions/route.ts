import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { latentExplorerData } from "@/lib/explore/explorer-page-data";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { explorerTarget } from "@/lib/explore/explorer-target";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

/** GET /api/latents/:id/versions?coder= → every explanation version, newest first, with scores and simulation metrics. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDatabase();
  const target = explorerTarget(db, loadActivePack(db), id, request.nextUrl.searchParams.get("coder") ?? undefined);
  if (!target.ok) return NextResponse.json({ error: target.error }, { status: 404 });
  return NextResponse.json(latentExplorerData(db, target.cache, target.latent, explorerSimulator().info));
}
