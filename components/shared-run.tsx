import { notFound } from "next/navigation";
import type { LoadedShare } from "@/lib/share/load-share";
import { runViewKey, type parseRunViewQuery } from "@/lib/share/run-view-query";
import type { RunShareSnapshot } from "@/lib/share/share-snapshot";
import { RunView } from "./run-view";
import { SnapshotBanner } from "./snapshot-banner";

/** A shared evaluation run: the run page's view, rendered from the frozen snapshot. */
export function SharedRun({ share, snapshot, view }: { share: LoadedShare; snapshot: RunShareSnapshot; view: ReturnType<typeof parseRunViewQuery> }) {
  const data = snapshot.variants[runViewKey(view)];
  if (!data) notFound();
  return (
    <>
      <SnapshotBanner createdAt={share.createdAt} pack={snapshot.pack} liveHref={`/runs/${snapshot.runId}`} liveLabel={`run ${snapshot.runId}`} />
      <h1 data-testid="share-title">{share.title}</h1>
      <p className="muted" data-testid="share-description">
        {share.description}
      </p>
      <RunView data={data} statistic={view.statistic} topSelection={view.topSelection} basePath={`/s/${share.slug}`} />
    </>
  );
}
