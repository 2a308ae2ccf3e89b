"use client";

import type { TieRule } from "@/lib/core/quantile-normalizer";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { creationOrderNumbers } from "@/lib/core/creation-order";
import type { ExplorerProgress, ExplorerVersion, LatentExplorerData, PartialSimulation } from "@/lib/explore/explorer-data";
import { ExplanationEditor } from "./explanation-editor";
import { fetchVersions, followSimulation, makeVersionCurrent, startSimulation, versionsQueryKey } from "./explorer-api";
import { CdfPanels } from "./latent/cdf-panels";
import { versionLabel } from "./latent/version-label";
import { LatentExplorerView } from "./latent-explorer-view";
import { ShareButton } from "./share-button";
import { VersionHistory } from "./version-history";

interface RunState {
  running: boolean;
  progress: ExplorerProgress | null;
  partial: PartialSimulation | null;
  error: string | null;
  /** Click to final result, measured here. */
  lastRunMs: number | null;
}

const IDLE: RunState = { running: false, progress: null, partial: null, error: null, lastRunMs: null };

/**
 * The latent explorer: edit the explanation, re-simulate with streamed progress and partial results, compare the
 * new version with the one it came from, and browse or restore versions. Data through React Query.
 */
export function LatentExplorer({ initial, coder }: { initial: LatentExplorerData; coder: string }) {
  const { latent } = initial;
  const queryClient = useQueryClient();
  const router = useRouter();
  const queryKey = versionsQueryKey(latent, coder);
  const { data } = useQuery({ queryKey, queryFn: () => fetchVersions(latent, coder), initialData: initial });
  const current = data.versions.find((v) => v.isCurrent) ?? data.versions[0];
  const [text, setText] = useState(current?.text ?? "");
  const [parentId, setParentId] = useState<number | null>(current?.id ?? null);
  const [tieRule, setTieRule] = useState<TieRule>("conditional-mean");
  const [run, setRun] = useState<RunState>(IDLE);
  const [shown, setShown] = useState<{ versionId: number; previousId: number | null } | null>(null);
  const stopFollowing = useRef<() => void>(() => {});
  const autoStarted = useRef(false);

  const simulate = useMutation({
    mutationFn: (request: { text: string; parentId: number | null }) => startSimulation(latent, coder, { ...request, tieRule }),
  });

  const runSimulation = (request: { text: string; parentId: number | null }) => {
    const clicked = performance.now();
    setRun({ ...IDLE, running: true });
    simulate.mutate(request, {
      onError: (error) => setRun({ ...IDLE, error: error.message }),
      onSuccess: (started) => {
        stopFollowing.current();
        stopFollowing.current = followSimulation(started.events, (event) => {
          if (event.type === "progress") setRun((r) => ({ ...r, progress: event.progress }));
          else if (event.type === "partial") setRun((r) => ({ ...r, partial: event.partial }));
          else if (event.type === "failed") setRun({ ...IDLE, error: event.error });
          else {
            // The "done" event carries every version: the cache is updated from it, with no second request.
            queryClient.setQueryData(queryKey, event.explorer);
            const previousId = request.parentId !== null && request.parentId !== event.version.id ? request.parentId : null;
            setShown({ versionId: event.version.id, previousId });
            setParentId(event.version.id);
            setRun({ ...IDLE, lastRunMs: Math.round(performance.now() - clicked) });
          }
        });
      },
    });
  };

  // A version never simulated is simulated on first view when the offline baseline is the simulator (a few
  // hundred ms); an LLM's calls wait for the user's Re-simulate.
  useEffect(() => {
    if (autoStarted.current || !current || current.simulation || data.simulator.kind !== "baseline") return;
    autoStarted.current = true;
    runSimulation({ text: current.text, parentId: current.id });
  });
  useEffect(() => () => stopFollowing.current(), []);
  // Marks the explorer interactive (tests wait for it instead of racing hydration).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const makeCurrent = useMutation({
    mutationFn: (versionId: number) => makeVersionCurrent(latent, coder, versionId),
    onSuccess: (updated, versionId) => {
      queryClient.setQueryData(queryKey, updated);
      const version = updated.versions.find((v) => v.id === versionId);
      if (version) {
        setText(version.text);
        setParentId(version.id);
        setShown({ versionId: version.id, previousId: null });
      }
      router.refresh();
    },
  });

  const byId = new Map(data.versions.map((v) => [v.id, v]));
  const numbers = useMemo(() => creationOrderNumbers(data.versions), [data.versions]);
  const label = (id: number) => versionLabel(id, numbers, "a version");
  const shownVersion: ExplorerVersion | undefined = (shown && byId.get(shown.versionId)) || current;
  const previousVersion = shown?.previousId != null ? (byId.get(shown.previousId) ?? null) : null;

  return (
    <section className="panel explorer" data-testid="latent-explorer" data-hydrated={hydrated} data-running={run.running} data-last-run-ms={run.lastRunMs ?? undefined}>
      <h2>Explanation explorer</h2>
      <p className="muted">Edit the explanation and re-simulate it; each text is kept as a version of this latent.</p>
      <ExplanationEditor
        text={text}
        onTextChange={setText}
        parentLabel={parentId !== null ? label(parentId) : null}
        running={run.running}
        progress={run.progress}
        tieRule={tieRule}
        onTieRuleChange={setTieRule}
        error={run.error ?? (makeCurrent.error ? makeCurrent.error.message : null)}
        onSubmit={() => runSimulation({ text: text.trim(), parentId })}
      />
      {run.running && run.partial ? (
        <div data-testid="partial-results" className="partial-results">
          <h3>
            Partial results: {run.partial.done} of {run.partial.total} contexts
          </h3>
          <p className="muted">Correlation so far: {run.partial.correlation === null ? "–" : run.partial.correlation.toFixed(3)}</p>
          <CdfPanels cdfs={run.partial.cdfs} testId="partial-cdf-chart" />
        </div>
      ) : null}
      {shownVersion ? (
        <>
          <h3 data-testid="shown-version">{previousVersion ? `${label(previousVersion.id)} → ${label(shownVersion.id)}` : `${label(shownVersion.id)}${shownVersion.isCurrent ? " (current)" : ""}`}</h3>
          {previousVersion ? (
            <div className="explorer-texts">
              <p>
                <span className="muted">Previous: </span>
                {previousVersion.text}
              </p>
              <p>
                <span className="muted">This version: </span>
                {shownVersion.text}
              </p>
            </div>
          ) : null}
          <LatentExplorerView version={shownVersion} previous={previousVersion} simulator={data.simulator} versionNumbers={numbers} scoresShownElsewhere />
          <ShareButton key={shownVersion.id} request={{ kind: "latent", latent, coder, versionId: shownVersion.id }} label={`Share ${label(shownVersion.id)}`} />
        </>
      ) : (
        <p className="muted">No explanation yet: write one above and press Re-simulate.</p>
      )}
      <h3>Version history</h3>
      <VersionHistory
        versions={data.versions}
        versionNumbers={numbers}
        busy={run.running || makeCurrent.isPending}
        onMakeCurrent={(id) => makeCurrent.mutate(id)}
        onEditFrom={(version) => {
          setText(version.text);
          setParentId(version.id);
        }}
        onCompare={(version) => setShown({ versionId: version.id, previousId: version.parentId !== null && byId.get(version.parentId)?.simulation ? version.parentId : null })}
      />
    </section>
  );
}
