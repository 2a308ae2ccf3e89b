import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { findJob } from "@/db/jobs";
import { explorerJobEvents } from "@/lib/explore/explorer-job-events";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/simulations/:job/events → text/event-stream of progress, partial, then done or failed (each event's data is JSON). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ job: string }> }) {
  const { job } = await params;
  const db = getDatabase();
  const row = /^\d{1,12}$/.test(job) ? findJob(db, Number(job)) : undefined;
  const events = row ? explorerJobEvents(db, row) : undefined;
  if (!events) return NextResponse.json({ error: `no explorer simulation job "${job}"` }, { status: 404 });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = events.subscribe(
        (event) => controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)),
        () => controller.close(),
      );
      request.signal.addEventListener("abort", () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" } });
}
