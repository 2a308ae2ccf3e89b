import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { parseJsonBody } from "@/lib/http/json-body";
import { addPack } from "@/lib/packs/add-pack";
import { listPackEntries } from "@/lib/packs/pack-list";
import { usePack } from "@/lib/packs/pack-registry";
import { dataDir, folderWalkLimits, packRoots } from "@/lib/settings";
import { packErrorResponse } from "./pack-route-errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const optionalText = z.string().trim().optional().transform((value) => (value ? value : undefined));

/** The same fields as `rewrite pack add`; paths are on the server's disk. */
const addPackSchema = z.object({
  name: z.string().trim().min(1, "name the pack"),
  model: z.string().trim().min(1, "give the Hugging Face snapshot folder"),
  coders: z.array(z.string().trim().min(1)).min(1, "give at least one sparsify coder folder"),
  hookpoint: optionalText,
  seed: z.number().int().nonnegative().optional(),
  corpus: optionalText,
  contextLength: z.number().int().positive().optional(),
  use: z.boolean().optional(),
});

/** GET → every registered pack with its state, corpus and cache status. */
export function GET() {
  return NextResponse.json({ packs: listPackEntries(getDatabase()) });
}

/** POST {name, model, coders[], hookpoint?, corpus?, contextLength?, use?} → the registered pack, or why not (4xx). */
export async function POST(request: Request) {
  const parsed = await parseJsonBody(request, addPackSchema, '{"name": "...", "model": "<snapshot dir>", "coders": ["<sparsify dir>"], "hookpoint"?, "corpus"?, "contextLength"?, "use"?}');
  if (!parsed.ok) return parsed.response;
  const db = getDatabase();
  try {
    const { use, ...packRequest } = parsed.data;
    // The browser may name only folders under REWRITE_PACK_ROOTS; `rewrite pack add` may name any.
    const row = await addPack(db, packRequest, { dataDir: dataDir(), now: new Date(), scope: { roots: packRoots(), limits: folderWalkLimits() } });
    if (use) usePack(db, row.name);
    return NextResponse.json({ name: row.name, dir: row.dir, identity: row.identity, notes: row.notes }, { status: 201 });
  } catch (error) {
    return packErrorResponse(error);
  }
}
