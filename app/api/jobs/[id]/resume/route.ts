import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { jsonError, parseJsonBody } from "@/lib/http/json-body";
import { livenessCheck } from "@/lib/jobs/job-runner";
import { jobView } from "@/lib/jobs/job-view";
import { resumeJob } from "@/lib/jobs/resume-job";
import { serverJobHandlers } from "@/lib/pipeline/server-job-handlers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {} → 202 {job}: the interrupted (or failed) job runs again in this server from its persisted progress. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) return jsonError(404, `no job "${id}"`);
  const parsed = await parseJsonBody(request, z.object({}).strict(), "{}");
  if (!parsed.ok) return parsed.response;
  const db = getDatabase();
  const handlers = serverJobHandlers(db);
  const outcome = resumeJob(db, Number(id), handlers);
  if (!outcome.ok) return jsonError(outcome.status, outcome.error);
  void outcome.finished;
  return NextResponse.json({ job: jobView(outcome.job, { check: livenessCheck(), resumableKinds: new Set(Object.keys(handlers)) }) }, { status: 202 });
}
