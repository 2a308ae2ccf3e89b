import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { jsonError, parseJsonBody } from "@/lib/http/json-body";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { latentShareRow } from "@/lib/share/create-latent-share";
import { runShareRow } from "@/lib/share/create-run-share";
import { storeShare } from "@/lib/share/store-share";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const shareRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run"), runId: z.number().int().positive() }),
  z.object({
    kind: z.literal("latent"),
    latent: z.number().int().nonnegative(),
    coder: z.string().min(1).max(200).optional(),
    versionId: z.number().int().positive().optional(),
  }),
]);

const BODY_SHAPE = '{"kind": "run", "runId": number} or {"kind": "latent", "latent": number, "coder"?: string, "versionId"?: number}';

/** POST {kind: "run", runId} or {kind: "latent", latent, coder?, versionId?} → an immutable snapshot at /s/<slug>. */
export async function POST(request: Request) {
  const parsed = await parseJsonBody(request, shareRequestSchema, BODY_SHAPE);
  if (!parsed.ok) return parsed.response;
  const db = getDatabase();
  const wanted = parsed.data;
  let row;
  if (wanted.kind === "run") {
    row = await runShareRow(db, wanted.runId, new Date());
    if (!row) return jsonError(404, `no finished evaluation run has id ${wanted.runId}`);
  } else {
    const outcome = latentShareRow(db, loadActivePack(), explorerSimulator().info, wanted, new Date());
    if (!outcome.ok) return jsonError(404, outcome.error);
    row = outcome.row;
  }
  const stored = storeShare(db, row, (n) => randomBytes(n));
  return NextResponse.json({ slug: stored.slug, url: `/s/${stored.slug}`, title: stored.title }, { status: 201 });
}
