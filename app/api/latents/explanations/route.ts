import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { latentExplanations } from "@/db/latents";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

const MAX_LATENTS = 64;

const querySchema = z.object({
  coder: z.string().optional(),
  latents: z
    .string()
    .regex(/^\d{1,9}(,\d{1,9})*$/, "a comma list of latent ids, e.g. 12,305,4096")
    .transform((list) => list.split(",").map(Number))
    .refine((ids) => ids.length <= MAX_LATENTS, `at most ${MAX_LATENTS} latents per request`),
});

/** GET /api/latents/explanations?coder=&latents=12,305 → {latents: [{latent, explanation}]}: what token inspection of typed text shows. */
export function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: `bad query: ${describeZodIssues(parsed.error)}` }, { status: 400 });
  const db = getDatabase();
  const selection = selectLatentCache(db, loadActivePack(db), parsed.data.coder);
  if (!selection) return NextResponse.json({ error: "no activation cache for this pack and coder yet; run `npm run rewrite -- cache`" }, { status: 404 });
  const outOfRange = parsed.data.latents.find((l) => l >= selection.cache.numLatents);
  if (outOfRange !== undefined) return NextResponse.json({ error: `no latent ${outOfRange} in ${selection.cache.hookpoint}; ids run from 0 to ${selection.cache.numLatents - 1}` }, { status: 404 });
  const explanations = latentExplanations(db, selection.cache.id, parsed.data.latents);
  return NextResponse.json({ latents: parsed.data.latents.map((latent) => ({ latent, explanation: explanations.get(latent) ?? null })) });
}
