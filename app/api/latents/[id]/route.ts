import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData, parseLatentId } from "@/lib/cache/latent-page-data";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

/** GET /api/latents/:id?coder= → statistics, histogram, examples and neighbours of one latent. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const coder = request.nextUrl.searchParams.get("coder") ?? undefined;
  const db = getDatabase();
  const selection = selectLatentCache(db, loadActivePack(), coder);
  if (!selection) return NextResponse.json({ error: "no activation cache for this pack yet; run `npm run rewrite -- cache`" }, { status: 404 });
  const latent = parseLatentId(id);
  const data = latent === undefined ? undefined : loadLatentPageData(db, selection, latent);
  if (!data) {
    return NextResponse.json({ error: `no latent "${id}" in ${selection.cache.hookpoint}; ids run from 0 to ${selection.cache.numLatents - 1}` }, { status: 404 });
  }
  return NextResponse.json(data);
}
