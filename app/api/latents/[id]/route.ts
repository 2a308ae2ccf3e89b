import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData, parseLatentId } from "@/lib/cache/latent-page-data";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";

export const dynamic = "force-dynamic";

/** GET /api/latents/:id?coder= → statistics, histogram, examples, neighbours and output side of one latent. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const coder = request.nextUrl.searchParams.get("coder") ?? undefined;
  const db = getDatabase();
  const pack = loadActivePack(db);
  const selection = selectLatentCache(db, pack, coder);
  if (!selection) return NextResponse.json({ error: "no activation cache for this pack yet; run `npm run rewrite -- cache`" }, { status: 404 });
  const latent = parseLatentId(id);
  const data = latent === undefined ? undefined : loadLatentPageData(db, selection, latent, pack.status === "ok" ? getPackRuntime(pack.pack.dir) : undefined);
  if (!data) {
    return NextResponse.json({ error: `no latent "${id}" in ${selection.cache.hookpoint}; ids run from 0 to ${selection.cache.numLatents - 1}` }, { status: 404 });
  }
  return NextResponse.json(data);
}
