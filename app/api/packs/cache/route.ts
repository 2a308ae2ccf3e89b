import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { jsonError, parseJsonBody } from "@/lib/http/json-body";
import { livenessCheck } from "@/lib/jobs/job-runner";
import { jobView } from "@/lib/jobs/job-view";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { startCacheBuild } from "@/lib/pipeline/start-cache-build";
import { serverJobHandlers } from "@/lib/pipeline/server-job-handlers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// 2^14 tokens is 128 contexts of the demo pack's 128: enough to summarize every latent; 2^24 bounds the disk a click may fill.
const buildSchema = z
  .object({
    hookpoint: z.string().trim().min(1, "name the coder's hookpoint, e.g. layers.2.mlp").max(100),
    numTokens: z.number().int().min(16_384).max(16_777_216).optional(),
  })
  .strict();

/** POST {hookpoint, numTokens?} → 202 {job}: the active pack's coder is cached as a job (what `rewrite cache --coder` runs). */
export async function POST(request: Request) {
  const parsed = await parseJsonBody(request, buildSchema, '{"hookpoint": "<coder hookpoint>", "numTokens"?: <tokens to cache>}');
  if (!parsed.ok) return parsed.response;
  const db = getDatabase();
  const pack = loadActivePack(db);
  if (pack.status !== "ok") return jsonError(409, pack.status === "missing" ? `no pack at ${pack.dir}; add or choose one on /packs` : `the active pack cannot be read: ${pack.error}`);
  const outcome = startCacheBuild(db, pack, parsed.data);
  if (!outcome.ok) return jsonError(outcome.status, outcome.error);
  const context = { check: livenessCheck(), resumableKinds: new Set(Object.keys(serverJobHandlers(db))) };
  return NextResponse.json({ job: jobView(outcome.job, context), joined: outcome.joined }, { status: outcome.joined ? 200 : 202 });
}
