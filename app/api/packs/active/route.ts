import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { parseJsonBody } from "@/lib/http/json-body";
import { usePack } from "@/lib/packs/pack-registry";
import { packErrorResponse } from "../pack-route-errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const useSchema = z.object({ name: z.string().min(1) });

/** POST {name} → makes that registered pack the active one for the app and the CLI. */
export async function POST(request: Request) {
  const parsed = await parseJsonBody(request, useSchema, '{"name": "<registered pack>"}');
  if (!parsed.ok) return parsed.response;
  try {
    const row = usePack(getDatabase(), parsed.data.name);
    return NextResponse.json({ name: row.name, dir: row.dir });
  } catch (error) {
    return packErrorResponse(error);
  }
}
