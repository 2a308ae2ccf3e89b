"use client";

import type { ExplorerVersion } from "@/lib/explore/explorer-data";
import { wordDiff } from "@/lib/explore/word-diff";
import { versionLabel, type VersionNumbers } from "./latent/version-label";

export interface VersionHistoryProps {
  versions: ExplorerVersion[];
  onMakeCurrent: (versionId: number) => void;
  onEditFrom: (version: ExplorerVersion) => void;
  onCompare: (version: ExplorerVersion) => void;
  busy: boolean;
  versionNumbers: VersionNumbers;
}

const metric = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "–" : x.toFixed(digits));

/** Changes from the parent as text spans (never HTML): removed words struck through, added ones underlined. */
function VersionDiff({ before, after }: { before: string; after: string }) {
  return (
    <p className="version-diff" data-testid="version-diff">
      {wordDiff(before, after).map((segment, i) =>
        segment.op === "same" ? (
          <span key={i}>{segment.text}</span>
        ) : segment.op === "added" ? (
          <ins key={i}>{segment.text}</ins>
        ) : (
          <del key={i}>{segment.text}</del>
        ),
      )}
    </p>
  );
}

/** Every version of the explanation, newest first: source, metrics, the diff from its parent, and actions. */
export function VersionHistory({ versions, onMakeCurrent, onEditFrom, onCompare, busy, versionNumbers }: VersionHistoryProps) {
  const byId = new Map(versions.map((v) => [v.id, v]));
  return (
    <ol className="version-history" data-testid="version-history" reversed>
      {versions.map((version) => {
        const parent = version.parentId !== null ? byId.get(version.parentId) : undefined;
        const s = version.simulation;
        return (
          <li key={version.id} data-testid="version" data-version={version.id} data-current={version.isCurrent}>
            <div>
              <strong>{versionLabel(version.id, versionNumbers, "Version")}</strong> {version.isCurrent ? <span className="badge" data-testid="current-badge">current</span> : null}{" "}
              <span className="muted">
                {version.sourceLabel}
                {parent ? `, edited from ${versionLabel(parent.id, versionNumbers, "its parent")}` : ""} · {new Date(version.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
              </span>
            </div>
            {parent ? <VersionDiff before={parent.text} after={version.text} /> : <p className="version-text">{version.text}</p>}
            <p className="muted">
              detection {metric(version.detection?.value)} · fuzzing {metric(version.fuzzing?.value)} · r {metric(s?.correlation)} · rewrite impact{" "}
              {s?.rewriteImpact ? `${metric(s.rewriteImpact.meanCeChangeNats, 5)} nats` : "–"}
            </p>
            <div className="version-actions">
              {!version.isCurrent ? (
                <button type="button" onClick={() => onMakeCurrent(version.id)} disabled={busy} data-testid="make-current">
                  Make current
                </button>
              ) : null}
              <button type="button" onClick={() => onEditFrom(version)} disabled={busy}>
                Edit from this
              </button>
              {s ? (
                <button type="button" onClick={() => onCompare(version)} disabled={busy}>
                  Show
                </button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
