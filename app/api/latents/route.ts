import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { loadLatentListPage } from "@/lib/browse/latent-list-page";
import { parseLatentListParams } from "@/lib/cache/latent-list-params";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

/** GET /api/latents with the /latents URL parameters (q, sort, dir, page, filters, coder) → one page of the listing. */
export function GET(request: NextRequest) {
  const db = getDatabase();
  const data = loadLatentListPage(db, loadActivePack(db), parseLatentListParams(Object.fromEntries(request.nextUrl.searchParams)));
  if (data.status === "no-cache") {
    return NextResponse.json({ error: `no activation cache for ${data.coder?.hookpoint ?? "this pack"} yet; build it on /packs or run \`npm run rewrite -- cache\`` }, { status: 404 });
  }
  const { state, total, rows, measures, notices } = data;
  return NextResponse.json({ coder: data.cache.hookpoint, page: state.page, pageSize: state.pageSize, total, rows, measures, notices });
}
