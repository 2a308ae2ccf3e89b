// The latent explorer's calls to its routes, each answering typed data or throwing the route's error message.
import type { TieRule } from "@/lib/core/quantile-normalizer";
import type { ExplorerStreamEvent } from "@/lib/explore/explorer-job-events";
import type { TokenInspection } from "@/lib/cache/token-inspection";
import type { LatentExplorerData } from "@/lib/explore/explorer-data";
import { fetchJson } from "@/lib/http/fetch-json";

const coderQuery = (coder: string) => `?coder=${encodeURIComponent(coder)}`;

export function versionsQueryKey(latent: number, coder: string) {
  return ["latent-versions", coder, latent] as const;
}

export async function fetchVersions(latent: number, coder: string): Promise<LatentExplorerData> {
  return fetchJson(`/api/latents/${latent}/versions${coderQuery(coder)}`);
}

export async function startSimulation(
  latent: number,
  coder: string,
  request: { text: string; parentId: number | null; tieRule: TieRule },
): Promise<{ jobId: number; explanationId: number; createdVersion: boolean; events: string }> {
  return fetchJson(`/api/latents/${latent}/simulations`, { method: "POST", body: { ...request, coder } });
}

export async function makeVersionCurrent(latent: number, coder: string, versionId: number): Promise<LatentExplorerData> {
  return fetchJson(`/api/latents/${latent}/versions/${versionId}/current${coderQuery(coder)}`, { method: "POST" });
}

/** Follows a simulation's SSE stream until done or failed; returns a function that stops following. */
export function followSimulation(events: string, onEvent: (event: ExplorerStreamEvent) => void): () => void {
  const source = new EventSource(events);
  const handle = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as ExplorerStreamEvent;
    onEvent(event);
    if (event.type === "done" || event.type === "failed") source.close();
  };
  for (const type of ["progress", "partial", "done", "failed"]) source.addEventListener(type, handle as EventListener);
  source.onerror = () => {
    // The server closes the stream after the outcome; any other error ends the run with a message.
    if (source.readyState === EventSource.CLOSED) return;
    source.close();
    onEvent({ type: "failed", error: "the progress stream was interrupted; reload the page to see the stored result" });
  };
  return () => source.close();
}

/** A cached token's exact activation and the latents active there (token inspection on the latent page). */
export async function fetchTokenInspection(latent: number, coder: string, token: number): Promise<TokenInspection> {
  return fetchJson(`/api/latents/${latent}/tokens/${token}${coderQuery(coder)}`);
}

/** Current explanations of some latents (token inspection of typed text). */
export async function fetchExplanations(coder: string, latents: number[]): Promise<{ latents: { latent: number; explanation: string | null }[] }> {
  return fetchJson(`/api/latents/explanations${coderQuery(coder)}&latents=${latents.join(",")}`);
}
