import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { usePack } from "@/lib/packs/pack-registry";
import { failPackRequest, packErrorResponse } from "../pack-route-errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const useSchema = z.object({ name: z.string().min(1) });

/** POST {name} → makes that registered pack the active one for the app and the CLI. */
export async function POST(request: Request) {
  const parsed = useSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return failPackRequest(400, describeZodIssues(parsed.error));
  try {
    const row = usePack(getDatabase(), parsed.data.name);
    return NextResponse.json({ name: row.name, dir: row.dir });
  } catch (error) {
    return packErrorResponse(error);
  }
}
