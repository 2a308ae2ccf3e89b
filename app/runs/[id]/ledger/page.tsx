import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LatentLedgerTable } from "@/components/latent-ledger-table";
import { LedgerProxies } from "@/components/ledger-proxies";
import { getDatabase } from "@/db/client";
import { loadLedgerPageData, parseLedgerQuery, type LedgerQuery } from "@/lib/evaluate";
import { PROXIES } from "@/lib/evaluate";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run ${(await params).id}: fix-first ledger` };
}

export default async function LedgerPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = parseLedgerQuery(await searchParams);
  const data = await loadLedgerPageData(getDatabase(), id, query);
  if (!data) notFound();
  const basePath = `/runs/${id}/ledger`;
  const breadcrumb = (
    <p className="muted">
      <Link href="/runs">Runs</Link> / <Link href={`/runs/${id}`}>run {id}</Link> / ledger
    </p>
  );
  if (data.summary === null) {
    return (
      <>
        {breadcrumb}
        <h1>Fix-first ledger</h1>
        <p className="muted" data-testid="no-ledger">
          Run {id} was stored before ledgers were measured; rerun <code>rewrite evaluate</code> to get one.
        </p>
      </>
    );
  }
  const { summary, pageCount } = data;
  const href = (patch: Partial<LedgerQuery>) => {
    const q = { ...data.query, ...patch };
    return `${basePath}?${new URLSearchParams({ sort: q.sort, dir: q.direction, page: String(q.page), proxy: q.proxy })}`;
  };
  const latentQuery = `?coder=${encodeURIComponent(summary.hookpoint)}`;
  return (
    <>
      {breadcrumb}
      <h1 data-testid="ledger-title">
        Run {id}: fix-first ledger of <code>{summary.hookpoint}</code>
      </h1>
      <p>
        For each of the {summary.explainedCount} explained latents (of {summary.numLatents}), on the run&rsquo;s {summary.promptCount} test prompts
        with calibrated simulations: its <strong>oracle gain</strong>, the CE recovered when only its simulation is replaced by the truth (the
        transcoder&rsquo;s own TopK output) inside the full rewrite, and its <strong>rewrite impact</strong>, the CE change when only it is
        rewritten. Both are means over all prompts with {Math.round(summary.ciLevel * 100)}% bootstrap CIs over prompts ({summary.resamples}{" "}
        resamples). Ranked by oracle gain: <strong>fix these first</strong>.
      </p>
      <p className="muted" data-testid="ledger-summary">
        All fixes together could recover {summary.fullRewriteGapNats.toFixed(4)} nats (the full rewrite minus the transcoder alone; single
        fixes need not add up to it). Measured with {summary.forwardRowCount.toLocaleString("en-US")} patched last-token rows, only where a
        single latent changes the rewrite. Sensitivity and specificity are calibrated, before the rewrite&rsquo;s TopK; explanations are
        the latents&rsquo; current ones.
      </p>
      <LatentLedgerTable rows={data.rows} query={data.query} runPath={`/runs/${id}`} basePath={basePath} latentQuery={latentQuery} ciLevel={summary.ciLevel} />
      <p data-testid="ledger-pages">
        Page {data.query.page} of {pageCount}
        {data.query.page > 1 ? (
          <>
            {" "}
            · <Link href={href({ page: data.query.page - 1 })}>← previous</Link>
          </>
        ) : null}
        {data.query.page < pageCount ? (
          <>
            {" "}
            · <Link href={href({ page: data.query.page + 1 })}>next →</Link>
          </>
        ) : null}
      </p>
      <LedgerProxies
        view={data.proxies}
        proxy={data.query.proxy}
        hrefOf={Object.fromEntries(PROXIES.map((p) => [p, href({ proxy: p })])) as Record<(typeof PROXIES)[number], string>}
        latentQuery={latentQuery}
        ciLevel={summary.ciLevel}
      />
    </>
  );
}
