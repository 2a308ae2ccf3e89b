import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { listLatents } from "@/db/latent-list";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { parseLatentListParams } from "@/lib/cache/latent-list-params";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

/** GET /api/latents?q=&sort=&dir=&page=&minDetection=&minFuzzing=&coder= → one page of the latent listing. */
export function GET(request: NextRequest) {
  const state = parseLatentListParams(Object.fromEntries(request.nextUrl.searchParams));
  const db = getDatabase();
  const selection = selectLatentCache(db, loadActivePack(), state.coder);
  if (!selection) return NextResponse.json({ error: "no activation cache for this pack yet; run `npm run rewrite -- cache`" }, { status: 404 });
  const { rows, total } = listLatents(db, selection.cache.id, state);
  return NextResponse.json({ coder: selection.cache.hookpoint, page: state.page, pageSize: state.pageSize, total, rows });
}
