import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDatabase } from "@/db/client";
import { ActivationHistogram } from "@/components/charts/activation-histogram";
import { CoderSwitch } from "@/components/coder-switch";
import { cachedCoderChoice } from "@/lib/browse/coder-choices";
import { ExampleWindows } from "@/components/example-windows";
import { ExplanationPanel } from "@/components/explanation-panel";
import { LatentExplorer } from "@/components/latent-explorer";
import { LatentFailures } from "@/components/latent-failures";
import { LatentStats } from "@/components/latent-stats";
import styles from "@/components/latent-browser.module.css";
import { LatentKeyboard } from "@/components/latent/latent-keyboard";
import pageStyles from "@/components/latent/latent-page.module.css";
import { OutputTokens } from "@/components/latent/output-tokens";
import { NoLatentCache } from "@/components/no-latent-cache";
import { TryYourText } from "@/components/try-your-text";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData, parseLatentId } from "@/lib/cache/latent-page-data";
import { positiveBinShares } from "@/lib/core/bin-shares";
import { explanationProvenance, latentFailureNotes } from "@/lib/explain";
import type { ExplorerVersion } from "@/lib/explore/explorer-data";
import { latentExplorerData } from "@/lib/explore/explorer-page-data";
import { prewarmRewriteImpact } from "@/lib/explore/explorer-rewrite-impact";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: parseLatentId(id) === undefined ? "Latent not found" : `Latent ${id}` };
}

/** The current version's simulated distributions over the histogram's bins, as shares of their non-zero values. */
function predictedOverlays(version: ExplorerVersion | undefined, edges: number[]) {
  const simulation = version?.simulation;
  if (!simulation || edges.length < 2) return [];
  const contexts = `${simulation.contextCount} simulated contexts`;
  return [
    { key: "calibrated" as const, shares: positiveBinShares(simulation.cdfs.calibrated, edges), label: `calibrated predictions, ${contexts}` },
    { key: "true" as const, shares: positiveBinShares(simulation.cdfs.true, edges), label: `true activations on the same ${contexts}`, dashed: true },
  ].filter((o) => o.shares.some((s) => s > 0));
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
  const runtime = pack.status === "ok" ? getPackRuntime(pack.pack.dir) : undefined;
  const data = loadLatentPageData(db, selection, latent, runtime);
  if (!data) notFound();
  // The explorer shows each version's stored simulation; a never-simulated current version is simulated by the
  // client on view (lexical baseline) while the model's clean runs for the rewrite impact warm up here.
  const explorer = latentExplorerData(db, selection.cache, latent, explorerSimulator().info);
  if (runtime) prewarmRewriteImpact(db, runtime, selection.cache);
  const query = `?coder=${encodeURIComponent(data.hookpoint)}`;
  const previousHref = latent > 0 ? `/latents/${latent - 1}${query}` : null;
  const nextHref = latent + 1 < data.numLatents ? `/latents/${latent + 1}${query}` : null;
  const current = explorer.versions.find((v) => v.isCurrent);
  const inspect = { latent, coder: data.hookpoint };
  return (
    <>
      <p className="muted">
        <Link href={`/latents${query}`}>Latents</Link> / <code>{data.hookpoint}</code>
        {previousHref ? (
          <>
            {" "}
            · <Link href={previousHref}>← {latent - 1}</Link>
          </>
        ) : null}
        {nextHref ? (
          <>
            {" "}
            · <Link href={nextHref}>{latent + 1} →</Link>
          </>
        ) : null}
      </p>
      <h1 data-testid="latent-title">Latent {latent}</h1>
      {selection.caches.length > 1 ? (
        <CoderSwitch coders={selection.caches.map(cachedCoderChoice)} current={data.hookpoint} hrefFor={(hookpoint) => `/latents/${latent}?coder=${encodeURIComponent(hookpoint)}`} />
      ) : null}
      <div className={pageStyles.summary}>
        <ExplanationPanel explanation={explanationProvenance(db, selection.cache.id, latent)} fallbackText={data.explanation} simulatorLabel={explorer.simulator.label}
          live={{ latent, coder: data.hookpoint, serverVersionId: explorer.versions.find((v) => v.isCurrent)?.id ?? null }}
        />
        <LatentStats data={data} />
      </div>
      <LatentFailures failures={latentFailureNotes(db, selection.cache.id, latent)} />
      <div className={styles.twoColumns}>
        <div>
          <h2>Top examples</h2>
          <p className="muted">
            The strongest {data.topExamples.length} windows of 32 tokens; shading is activation ÷ the latent&apos;s max. Click or tap a token (or focus a line and use ← →) for its
            exact value and the latents active there.
          </p>
          <ExampleWindows examples={data.topExamples} scaleMax={data.maxActivation} testId="top-examples" inspect={inspect} />
          <h2>Activation distribution</h2>
          <ActivationHistogram edges={data.histogram.edges} counts={data.histogram.counts} overlays={predictedOverlays(current, data.histogram.edges)} />
        </div>
        <aside>
          <OutputTokens output={data.output} coderKind={data.coderKind} />
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
      <h2>Examples by quantile of window max</h2>
      <div className={pageStyles.quantiles}>
        {[...data.quantileExamples].reverse().map(({ bin, examples }, i) => (
          <details key={bin} data-testid="quantile-bin" open={i === 0}>
            <summary>
              Quantile {bin + 1} of {data.quantileExamples.length}
              {bin === data.quantileExamples.length - 1 ? " (strongest)" : bin === 0 ? " (weakest)" : ""} · {examples.length} windows
            </summary>
            <ExampleWindows examples={examples} scaleMax={data.maxActivation} testId={`quantile-examples-${bin}`} inspect={inspect} />
          </details>
        ))}
      </div>
      <LatentExplorer initial={explorer} coder={data.hookpoint} />
      <TryYourText coder={{ kind: data.coderKind, hookpoint: data.hookpoint }} latent={latent} scaleMax={data.maxActivation} />
      <LatentKeyboard previousHref={previousHref} nextHref={nextHref} />
    </>
  );
}
