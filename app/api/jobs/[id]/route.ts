import { NextResponse } from "next/server";
import { getDatabase } from "@/db/client";
import { jsonError } from "@/lib/http/json-body";
import { findJobView } from "@/lib/pipeline/job-list-views";

export const dynamic = "force-dynamic";

/** GET → {job}: one job as /jobs shows it (status, progress, error, what it made), for a page following its progress. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const job = /^\d{1,12}$/.test(id) ? findJobView(getDatabase(), Number(id)) : undefined;
  if (!job) return jsonError(404, `no job "${id}"`);
  return NextResponse.json({ job });
}
