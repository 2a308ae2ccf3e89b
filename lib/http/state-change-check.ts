// Cross-site request forgery: any page the user visits can make the browser POST here (a form, a no-cors fetch).
// A request that may change state must come from an allowed origin and say it is JSON, which no form can send and
// which makes a cross-origin fetch ask permission first (a preflight this server never grants).
import { isAllowedHost } from "./host-allow-list";
import type { Refusal } from "./refusal";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Why a state-changing request is refused, or undefined. Browsers send Origin on every cross-origin POST, and
 * Sec-Fetch-Site on every request; a request with neither comes from a program (curl, a script), not a page.
 */
export function stateChangeRefusal(headers: Headers, allowedHosts: readonly string[]): Refusal | undefined {
  const origin = headers.get("origin");
  const fetchSite = headers.get("sec-fetch-site");
  if (origin !== null) {
    let host: string | undefined;
    try {
      const url = new URL(origin);
      host = url.protocol === "http:" || url.protocol === "https:" ? url.host : undefined;
    } catch {
      host = undefined;
    }
    if (host === undefined || !isAllowedHost(host, allowedHosts)) {
      return { status: 403, error: `requests that change anything must come from this server's own pages, not from origin ${JSON.stringify(origin.slice(0, 200))}` };
    }
  } else if (fetchSite !== null && fetchSite !== "same-origin") {
    return { status: 403, error: `requests that change anything must come from this server's own pages (Sec-Fetch-Site: ${JSON.stringify(fetchSite.slice(0, 40))})` };
  }
  const mediaType = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    return { status: 415, error: `send the body as JSON with Content-Type: application/json${mediaType ? `, not ${JSON.stringify(mediaType.slice(0, 100))}` : " (the request has no Content-Type)"}` };
  }
  return undefined;
}
