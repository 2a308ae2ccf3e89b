"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";

/** What POST /api/shares takes: which result to freeze. */
export type ShareRequest = { kind: "run"; runId: number } | { kind: "latent"; latent: number; coder?: string; versionId?: number };

interface ShareResponse {
  slug: string;
  url: string;
  title: string;
}

async function createShare(request: ShareRequest): Promise<ShareResponse> {
  return fetchJson<ShareResponse>("/api/shares", { method: "POST", body: request });
}

/** Share: freezes what this page shows into an immutable snapshot and shows its link. */
export function ShareButton({ request, label = "Share" }: { request: ShareRequest; label?: string }) {
  const share = useMutation({ mutationFn: () => createShare(request) });
  const [copied, setCopied] = useState(false);
  const link = share.data ? new URL(share.data.url, window.location.origin).toString() : null;
  return (
    <div className="share" data-testid="share">
      <button type="button" onClick={() => share.mutate()} disabled={share.isPending} data-testid="share-button">
        {share.isPending ? "Sharing…" : label}
      </button>
      {link ? (
        <>
          {" "}
          <input readOnly value={link} aria-label="Link to the shared snapshot" size={Math.min(60, link.length)} data-testid="share-link" onFocus={(e) => e.target.select()} />{" "}
          <button
            type="button"
            onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? "Copied" : "Copy"}
          </button>{" "}
          <span className="muted">A frozen copy: later edits and runs do not change it.</span>
        </>
      ) : null}
      {share.isError ? (
        <p role="alert" className="error-text">
          {share.error.message}
        </p>
      ) : null}
    </div>
  );
}
