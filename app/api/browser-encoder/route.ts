import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { browserEncoderBundle } from "@/lib/browser/browser-encoder-bundle";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { activePackDir } from "@/lib/packs/pack-registry";
import { readPackState } from "@/lib/packs/pack-summary";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const fail = (status: number, error: string) => NextResponse.json({ error }, { status });

/** GET ?hookpoint= → how the browser encodes that coder's latents (graphs, tokenizer, shapes), or "server". */
export async function GET(request: NextRequest) {
  const hookpoint = request.nextUrl.searchParams.get("hookpoint");
  const state = readPackState(activePackDir(getDatabase()));
  if (state.status !== "ok") return fail(404, `no usable pack at ${state.dir}; encoding goes through /api/encode`);
  const pack = getPackRuntime(state.pack.dir);
  const hookpoints = pack.manifest.coders.map((c) => c.hookpoint);
  if (!hookpoint || !hookpoints.includes(hookpoint)) return fail(404, `no coder at hookpoint ${JSON.stringify(hookpoint)}; the pack has ${hookpoints.join(", ")}`);
  const etag = `"${pack.identity}"`;
  // The answer changes only with the pack, so the browser revalidates it by identity instead of downloading it.
  const headers = { "cache-control": "no-cache", etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return NextResponse.json(browserEncoderBundle(pack, hookpoint).descriptor, { headers });
}
