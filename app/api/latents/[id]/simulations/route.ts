import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { TIE_RULES } from "@/lib/core/quantile-normalizer";
import { MAX_EXPLANATION_CHARS } from "@/lib/explore/explorer-data";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { explorerTarget } from "@/lib/explore/explorer-target";
import { SimulationRequestError, startExplanationSimulation } from "@/lib/explore/start-explanation-simulation";
import { jsonError, parseJsonBody } from "@/lib/http/json-body";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const bodySchema = z.object({
  text: z
    .string({ error: "text is required: the explanation to simulate" })
    .trim()
    .min(1, "text is empty; write the explanation to simulate")
    .max(MAX_EXPLANATION_CHARS, `text is longer than ${MAX_EXPLANATION_CHARS} characters; shorten the explanation`),
  parentId: z.number().int().positive().nullable().optional(),
  coder: z.string().min(1).optional(),
  tieRule: z.enum(TIE_RULES, { error: `tieRule must be one of ${TIE_RULES.join(", ")}` }).optional(),
});

const BODY_SHAPE = `{"text": "...", "parentId"?: number, "coder"?: "<hookpoint>", "tieRule"?: "${TIE_RULES.join('" | "')}"}`;

/** POST {text, parentId?, coder?, tieRule?} → 202 {jobId, explanationId, createdVersion, events}: a re-simulation job of the edited explanation. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = await parseJsonBody(request, bodySchema, BODY_SHAPE);
  if (!parsed.ok) return parsed.response;
  const db = getDatabase();
  const target = explorerTarget(db, loadActivePack(db), id, parsed.data.coder);
  if (!target.ok) return jsonError(404, target.error);
  try {
    const started = startExplanationSimulation(
      db,
      { cacheId: target.cache.id, latent: target.latent, text: parsed.data.text, parentId: parsed.data.parentId ?? null, packDir: target.packDir, tieRule: parsed.data.tieRule ?? "conditional-mean" },
      { explorer: explorerSimulator(), loadRuntime: getPackRuntime },
    );
    return NextResponse.json({ ...started, events: `/api/simulations/${started.jobId}/events` }, { status: 202 });
  } catch (error) {
    if (error instanceof SimulationRequestError) return jsonError(400, error.message);
    throw error;
  }
}
