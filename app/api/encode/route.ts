import { NextResponse } from "next/server";
import { z } from "zod";
import { encodeText, EncodeTextError } from "@/lib/runtime/encode-text";
import { jsonError, parseJsonBody } from "@/lib/http/json-body";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { readPackState } from "@/lib/packs/pack-summary";
import { getDatabase } from "@/db/client";
import { activePackDir } from "@/lib/packs/pack-registry";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const encodeRequestSchema = z.object({
  text: z.string().min(1, "text must not be empty"),
  layer: z.number().int().nonnegative().optional(),
  coder: z.enum(["transcoder", "sae"]).optional(),
  topN: z.number().int().min(1).max(256).optional(),
});

const BODY_SHAPE = '{"text": "...", "layer"?: number, "coder"?: "transcoder" | "sae", "topN"?: number}';

/** POST {text, layer?, coder?, topN?} → the tokens of `text` and each token's top active latents. */
export async function POST(request: Request) {
  const parsed = await parseJsonBody(request, encodeRequestSchema, BODY_SHAPE);
  if (!parsed.ok) return parsed.response;

  const state = readPackState(activePackDir(getDatabase()));
  if (state.status === "missing") return jsonError(404, `no pack at ${state.dir}; build one with \`npm run train:demo\` or set REWRITE_PACK_DIR`);
  if (state.status === "invalid") return jsonError(409, `the pack at ${state.dir} cannot be used: ${state.error}`);
  try {
    return NextResponse.json(await encodeText(getPackRuntime(state.pack.dir), parsed.data));
  } catch (error) {
    if (error instanceof EncodeTextError) return jsonError(error.reason === "too-long" ? 413 : 404, error.message);
    throw error;
  }
}
