import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDatabase } from "@/db/client";
import { ActivationHistogram } from "@/components/charts/activation-histogram";
import { CoderSwitch } from "@/components/coder-switch";
import { ExampleWindows } from "@/components/example-windows";
import { ExplanationPanel } from "@/components/explanation-panel";
import { LatentExplorer } from "@/components/latent-explorer";
import { LatentFailures } from "@/components/latent-failures";
import { LatentStats } from "@/components/latent-stats";
import styles from "@/components/latent-browser.module.css";
import { NoLatentCache } from "@/components/no-latent-cache";
import { TryYourText } from "@/components/try-your-text";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData, parseLatentId } from "@/lib/cache/latent-page-data";
import { explanationProvenance, latentFailureNotes } from "@/lib/explain/explanation-provenance";
import { latentExplorerData } from "@/lib/explore/explorer-page-data";
import { prewarmRewriteImpact } from "@/lib/explore/explorer-rewrite-impact";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: parseLatentId(id) === undefined ? "Latent not found" : `Latent ${id}` };
}

export default async function LatentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const coderParam = (await searchParams).coder;
  const coder = typeof coderParam === "string" ? coderParam : undefined;
  const latent = parseLatentId(id);
  if (latent === undefined) notFound();
  const db = getDatabase();
  const pack = loadActivePack();
  const selection = selectLatentCache(db, pack, coder);
  if (!selection) return <NoLatentCache coder={coder} />;
  const data = loadLatentPageData(db, selection, latent);
  if (!data) notFound();
  // The explorer shows each version's stored simulation; a never-simulated current version is simulated by the
  // client on view (lexical baseline) while the model's clean runs for the rewrite impact warm up here.
  const explorer = latentExplorerData(db, selection.cache, latent, explorerSimulator().info);
  if (pack.status === "ok") prewarmRewriteImpact(db, getPackRuntime(pack.pack.dir), selection.cache);
  const query = `?coder=${encodeURIComponent(data.hookpoint)}`;
  return (
    <>
      <p className="muted">
        <Link href={`/latents${query}`}>Latents</Link> / <code>{data.hookpoint}</code>
        {latent > 0 ? (
          <>
            {" "}
            · <Link href={`/latents/${latent - 1}${query}`}>← {latent - 1}</Link>
          </>
        ) : null}
        {latent + 1 < data.numLatents ? (
          <>
            {" "}
            · <Link href={`/latents/${latent + 1}${query}`}>{latent + 1} →</Link>
          </>
        ) : null}
      </p>
      <h1 data-testid="latent-title">Latent {latent}</h1>
      {selection.caches.length > 1 ? (
        <CoderSwitch caches={selection.caches} current={data.hookpoint} hrefFor={(hookpoint) => `/latents/${latent}?coder=${encodeURIComponent(hookpoint)}`} />
      ) : null}
      <ExplanationPanel explanation={explanationProvenance(db, selection.cache.id, latent)} fallbackText={data.explanation} />
      <LatentFailures failures={latentFailureNotes(db, selection.cache.id, latent)} />
      <LatentStats data={data} />
      <LatentExplorer initial={explorer} coder={data.hookpoint} />
      <TryYourText coder={{ kind: data.coderKind, hookpoint: data.hookpoint }} latent={latent} scaleMax={data.maxActivation} />
      <div className={styles.twoColumns}>
        <div>
          <h2>Activation distribution</h2>
          <ActivationHistogram edges={data.histogram.edges} counts={data.histogram.counts} />
          <h2>Top examples</h2>
          <p className="muted">The strongest {data.topExamples.length} windows of 32 tokens; shading is activation ÷ the latent&apos;s max (hover a token for its value).</p>
          <ExampleWindows examples={data.topExamples} scaleMax={data.maxActivation} testId="top-examples" />
          <h2>Examples by quantile of window max</h2>
          {[...data.quantileExamples].reverse().map(({ bin, examples }) => (
            <section key={bin} data-testid="quantile-bin">
              <h3>
                Quantile {bin + 1} of {data.quantileExamples.length}
                {bin === data.quantileExamples.length - 1 ? " (strongest)" : bin === 0 ? " (weakest)" : ""}
              </h3>
              <ExampleWindows examples={examples} scaleMax={data.maxActivation} testId={`quantile-examples-${bin}`} />
            </section>
          ))}
        </div>
        <aside>
          <h2>Nearest latents</h2>
          <p className="muted">By cosine similarity of decoder directions.</p>
          <ol className={styles.neighbours} data-testid="latent-neighbours">
            {data.neighbours.map((n) => (
              <li key={n.latent}>
                <Link href={`/latents/${n.latent}${query}`}>Latent {n.latent}</Link> <span className="muted">cos {n.cosine.toFixed(3)}</span>
                {n.explanation ? <div>{n.explanation}</div> : null}
              </li>
            ))}
          </ol>
        </aside>
      </div>

    </>
  );
}
