import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunPromptView } from "@/components/run-prompt-view";
import { getDatabase } from "@/db/client";
import { loadPromptPageData } from "@/lib/evaluate";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; prompt: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, prompt } = await params;
  return { title: `Run ${id}: prompt ${prompt}` };
}

export default async function RunPromptPage({ params }: Props) {
  const { id, prompt } = await params;
  const p = /^\d+$/.test(prompt) ? Number(prompt) : Number.NaN;
  const data = await loadPromptPageData(getDatabase(), id, p);
  if (data === undefined) notFound();
  return (
    <>
      <p className="muted">
        <Link href="/runs">Runs</Link> / <Link href={`/runs/${id}`}>run {id}</Link> / <Link href={`/runs/${id}/ledger`}>ledger</Link> / prompt {p}
      </p>
      <h1 data-testid="prompt-title">
        Run {id}: test prompt {p}
        {data ? ` of ${data.promptCount}` : ""}
      </h1>
      {data === null ? (
        <p className="muted" data-testid="no-prompt-outputs">
          Run {id} was stored before per-prompt outputs were kept; rerun <code>rewrite evaluate</code> to see where its loss went prompt by prompt.
        </p>
      ) : (
        <>
          <p>
            {p > 0 ? <Link href={`/runs/${id}/prompts/${p - 1}`}>← prompt {p - 1}</Link> : null}
            {p + 1 < data.promptCount ? (
              <>
                {" "}
                · <Link href={`/runs/${id}/prompts/${p + 1}`}>prompt {p + 1} →</Link>
              </>
            ) : null}
          </p>
          <RunPromptView data={data} />
        </>
      )}
    </>
  );
}
