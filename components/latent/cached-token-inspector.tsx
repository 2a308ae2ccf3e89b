"use client";

import { useQuery } from "@tanstack/react-query";
import type { TokenInspection } from "@/lib/cache/token-inspection";
import { fetchTokenInspection } from "../explorer-api";
import { InspectedTokenPanel } from "./inspected-token-panel";

export interface CachedTokenInspectorProps {
  latent: number;
  coder: string;
  /** Global token index in the cache. */
  token: number;
  /** What the page already knows, shown before the answer arrives. */
  text: string;
  activation: number;
  onClose: () => void;
}

/** A cached token's inspection, fetched from GET /api/latents/:id/tokens/:token. */
export function CachedTokenInspector({ latent, coder, token, text, activation, onClose }: CachedTokenInspectorProps) {
  const query = useQuery<TokenInspection>({ queryKey: ["token-inspection", coder, latent, token], queryFn: () => fetchTokenInspection(latent, coder, token), staleTime: Infinity, retry: false });
  const data = query.data;
  const note = query.isError
    ? `Could not read the latents here: ${query.error.message}`
    : data && data.topLatents === null
      ? "The pack this cache was built from is not loaded, so the other latents at this token cannot be recomputed."
      : undefined;
  return (
    <InspectedTokenPanel
      latent={latent}
      coder={coder}
      text={data?.text ?? text}
      activation={data?.activation ?? activation}
      where={data ? `context ${data.sequence}, position ${data.position}` : undefined}
      topLatents={data?.topLatents ?? null}
      note={note}
      onClose={onClose}
    />
  );
}
