import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RunComparisonView } from "@/components/runs/run-comparison-view";
import { getDatabase } from "@/db/client";
import { loadRunComparison } from "@/lib/evaluate";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare runs" };

const runId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const paramsSchema = z.object({ a: runId, b: runId });

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = paramsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <h1>Compare runs</h1>
        <p className="panel error-state" role="alert" data-testid="compare-error">
          Name two runs as <code>/runs/compare?a=&lt;run&gt;&amp;b=&lt;run&gt;</code>, or pick them on <Link href="/runs">Runs</Link>.
        </p>
      </>
    );
  }
  const data = await loadRunComparison(getDatabase(), parsed.data.a, parsed.data.b);
  if (!data) notFound();
  return <RunComparisonView data={data} />;
}
