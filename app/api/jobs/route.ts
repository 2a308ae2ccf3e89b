import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { JOB_STATUSES } from "@/db/jobs";
import { getDatabase } from "@/db/client";
import { listJobViews } from "@/lib/pipeline/job-list-views";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",") : undefined))
    .pipe(z.array(z.enum(JOB_STATUSES)).optional()),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** GET /api/jobs?status=running,interrupted&limit=100 → {jobs}, newest first; a job whose process died is "interrupted". */
export function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    return NextResponse.json({ error: `bad query: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}; status is a comma list of ${JOB_STATUSES.join(", ")}` }, { status: 400 });
  }
  return NextResponse.json({ jobs: listJobViews(getDatabase(), { statuses: parsed.data.status, limit: parsed.data.limit }) });
}
