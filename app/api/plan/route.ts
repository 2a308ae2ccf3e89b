import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { parseLatentList } from "@/lib/core/latent-list";
import { LlmClient, readLlmConfig } from "@/lib/llm";
import { readPlanSettings } from "@/lib/llm";
import { defaultCoder } from "@/lib/packs/default-coder";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { planForStage, stagePlanRequestSchema } from "@/lib/pipeline/stage-plan";

export const dynamic = "force-dynamic";

const count = z.coerce.number().int().positive().optional();
const querySchema = z.object({
  stage: z.enum(["explain", "score", "simulate"]),
  coder: z.string().min(1).optional(),
  latents: z.string().optional(),
  seed: z.coerce.number().int().nonnegative().default(0),
  force: z.enum(["0", "1", "true", "false"]).optional().transform((f) => f === "1" || f === "true"),
  tokens: count,
  window: count,
  tasks: z.string().optional().transform((t) => (t ? t.split(",") : undefined)),
  activating: count,
  nonActivating: count,
  perPrompt: count,
});

const badRequest = (error: string, status = 400) => NextResponse.json({ error }, { status });

/**
 * GET /api/plan?stage=simulate&coder=layers.2.mlp&tokens=1000&window=32&latents=0-99 → the job's plan before it starts
 * (calls, requests, tokens, wall time, cost; only what is left to ask), for the active pack and the server's LLM.
 */
export function GET(request: NextRequest) {
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return badRequest(`bad query: ${query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const pack = loadActivePack();
  if (pack.status !== "ok") return badRequest(`no usable active pack at ${pack.dir}; add or choose one on /packs`, 409);
  let latents: number[] | undefined;
  try {
    latents = query.data.latents ? parseLatentList(query.data.latents) : undefined;
  } catch (error) {
    return badRequest(`bad latents: ${(error as Error).message}`);
  }
  const { coder, ...rest } = query.data;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const parsed = stagePlanRequestSchema.safeParse({ ...defined, latents, packDir: pack.dir, hookpoint: coder ?? defaultCoder(pack.manifest).hookpoint, llm: null });
  if (!parsed.success) return badRequest(`bad query: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  try {
    const config = readLlmConfig(process.env);
    const plan = planForStage(getDatabase(), parsed.data, config ? new LlmClient(config) : null, readPlanSettings(process.env));
    return NextResponse.json({ plan });
  } catch (error) {
    // A coder without a finished cache, or bad LLM / plan settings: the message says what to do.
    return badRequest((error as Error).message, 409);
  }
}
