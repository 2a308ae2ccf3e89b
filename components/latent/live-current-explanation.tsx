"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore, type ReactNode } from "react";
import type { LatentExplorerData } from "@/lib/explore/explorer-data";
import { versionsQueryKey } from "../explorer-api";

interface LiveCurrentExplanationProps {
  latent: number;
  coder: string;
  /** The version that was current when the server rendered the page. */
  serverVersionId: number | null;
  children: ReactNode;
}

/**
 * The server-rendered explanation until the explorer's data (React Query cache) names another current version —
 * after a re-simulation the page updates from the one "done" event, with no refetch or page refresh.
 */
export function LiveCurrentExplanation({ latent, coder, serverVersionId, children }: LiveCurrentExplanationProps) {
  const queryClient = useQueryClient();
  const key = versionsQueryKey(latent, coder);
  const data = useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () => queryClient.getQueryData<LatentExplorerData>(key),
    () => undefined,
  );
  const current = data?.versions.find((v) => v.isCurrent);
  if (!current || current.id === serverVersionId) return <>{children}</>;
  const scores = [
    ["Detection", current.detection],
    ["Fuzzing", current.fuzzing],
  ] as const;
  return (
    <>
      <p>{current.text}</p>
      <p className="muted" data-testid="explanation-source">
        Explainer: {current.sourceLabel}
      </p>
      <ul className="muted" data-testid="explanation-scores">
        {scores.map(([name, score]) =>
          score ? (
            <li key={name}>
              {name} score <strong>{score.value.toFixed(3)}</strong> (balanced accuracy, {score.exampleCount} examples) by {score.scorerLabel}
            </li>
          ) : (
            <li key={name}>{name}: not scored yet.</li>
          ),
        )}
      </ul>
    </>
  );
}
