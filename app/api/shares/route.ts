import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { runShareRow } from "@/lib/share/create-run-share";
import { storeShare } from "@/lib/share/store-share";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const shareRequestSchema = z.discriminatedUnion("kind", [z.object({ kind: z.literal("run"), runId: z.number().int().positive() })]);

const fail = (status: number, error: string) => NextResponse.json({ error }, { status });

/** POST {kind: "run", runId} → an immutable snapshot at /s/<slug>: {slug, url, title}. */
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, 'the request body must be JSON: {"kind": "run", "runId": number}');
  }
  const parsed = shareRequestSchema.safeParse(body);
  if (!parsed.success) return fail(400, describeZodIssues(parsed.error));
  const db = getDatabase();
  const row = await runShareRow(db, parsed.data.runId, new Date());
  if (!row) return fail(404, `no finished evaluation run has id ${parsed.data.runId}`);
  const stored = storeShare(db, row, (n) => randomBytes(n));
  return NextResponse.json({ slug: stored.slug, url: `/s/${stored.slug}`, title: stored.title }, { status: 201 });
}
