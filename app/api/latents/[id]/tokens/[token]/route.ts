import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { tokenDisplay } from "@/lib/cache/token-display";
import { inspectCachedToken } from "@/lib/cache/token-inspection";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  id: z.string().regex(/^\d{1,9}$/, "a latent id is a non-negative integer").transform(Number),
  token: z.string().regex(/^\d{1,10}$/, "a token is its global index in the cache (context · context length + position)").transform(Number),
});

/**
 * GET /api/latents/:id/tokens/:token?coder= → the cached token's text, this latent's exact activation there and the
 * coder's active latents at that position with their explanations.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string; token: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return NextResponse.json({ error: `bad request: ${describeZodIssues(parsed.error)}` }, { status: 400 });
  const { id: latent, token } = parsed.data;
  const db = getDatabase();
  const pack = loadActivePack(db);
  const selection = selectLatentCache(db, pack, request.nextUrl.searchParams.get("coder") ?? undefined);
  if (!selection) return NextResponse.json({ error: "no activation cache for this pack and coder yet; run `npm run rewrite -- cache`" }, { status: 404 });
  const { cache } = selection;
  if (latent >= cache.numLatents) return NextResponse.json({ error: `no latent ${latent} in ${cache.hookpoint}; ids run from 0 to ${cache.numLatents - 1}` }, { status: 404 });
  const numTokens = cache.numContexts * cache.contextLength;
  if (token >= numTokens) return NextResponse.json({ error: `token ${token} is outside the cache's ${numTokens} tokens (0 to ${numTokens - 1})` }, { status: 400 });
  const text = selection.modelDir ? tokenDisplay(selection.modelDir) : (id: number) => `#${id}`;
  const runtime = pack.status === "ok" ? getPackRuntime(pack.pack.dir) : undefined;
  return NextResponse.json(await inspectCachedToken(db, cache, latent, token, text, runtime));
}
