import { NextResponse } from "next/server";
import { z } from "zod";
import { encodeText, EncodeTextError } from "@/lib/coder/encode-text";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { getPackRuntime } from "@/lib/model/pack-runtime";
import { readPackState } from "@/lib/packs/pack-summary";
import { defaultPackDir } from "@/lib/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const encodeRequestSchema = z.object({
  text: z.string().min(1, "text must not be empty"),
  layer: z.number().int().nonnegative().optional(),
  coder: z.enum(["transcoder", "sae"]).optional(),
  topN: z.number().int().min(1).max(256).optional(),
});

const fail = (status: number, error: string) => NextResponse.json({ error }, { status });

/** POST {text, layer?, coder?, topN?} → the tokens of `text` and each token's top active latents. */
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, "the request body must be JSON: {\"text\": \"...\", \"layer\"?: number, \"coder\"?: \"transcoder\" | \"sae\", \"topN\"?: number}");
  }
  const parsed = encodeRequestSchema.safeParse(body);
  if (!parsed.success) return fail(400, describeZodIssues(parsed.error));

  const state = readPackState(defaultPackDir());
  if (state.status === "missing") return fail(404, `no pack at ${state.dir}; build one with \`npm run train:demo\` or set REWRITE_PACK_DIR`);
  if (state.status === "invalid") return fail(409, `the pack at ${state.dir} cannot be used: ${state.error}`);
  try {
    return NextResponse.json(await encodeText(getPackRuntime(state.pack.dir), parsed.data));
  } catch (error) {
    if (error instanceof EncodeTextError) return fail(error.reason === "too-long" ? 413 : 404, error.message);
    throw error;
  }
}
