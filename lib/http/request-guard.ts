// Every request passes here before any page or route runs (proxy.ts): the server's own refusal, the Host allow-list
// (DNS rebinding), the access token, the origin and type of state-changing requests (CSRF), and the body's size.
import type { NextRequest } from "next/server";
import { ACCESS_TOKEN_COOKIE, ACCESS_TOKEN_PARAM, accessTokenCookie, bearerToken, tokenMatches } from "./access-token";
import { declaredLengthRefusal } from "./body-limit";
import { isAllowedHost } from "./host-allow-list";
import type { Refusal } from "./refusal";
import type { ServerPolicy } from "./server-policy";
import { changesState, stateChangeRefusal } from "./state-change-check";

export type GuardVerdict =
  | { kind: "pass" }
  | ({ kind: "refuse" } & Refusal)
  /** A page visited with the right ?token=: set the cookie and send the browser to the same URL without it. */
  | { kind: "grant-cookie"; location: string; setCookie: string };

const refuse = (status: number, error: string): GuardVerdict => ({ kind: "refuse", status, error });

function tokenVerdict(request: NextRequest, token: string): GuardVerdict | undefined {
  const offered = request.nextUrl.searchParams.get(ACCESS_TOKEN_PARAM);
  if (offered !== null && !changesState(request.method)) {
    if (!tokenMatches(offered, token)) return refuse(401, "the ?token= does not match REWRITE_AUTH_TOKEN");
    const url = request.nextUrl.clone();
    url.searchParams.delete(ACCESS_TOKEN_PARAM);
    // nextUrl's host is the server's own (not the client's Host header); Next sends same-host redirects as relative.
    return { kind: "grant-cookie", location: url.toString(), setCookie: accessTokenCookie(token, url.protocol === "https:") };
  }
  const presented = bearerToken(request.headers.get("authorization")) ?? request.cookies.get(ACCESS_TOKEN_COOKIE)?.value;
  if (tokenMatches(presented, token)) return undefined;
  return refuse(401, "this server needs its access token: send `Authorization: Bearer <REWRITE_AUTH_TOKEN>`, or open any page once with ?token=<REWRITE_AUTH_TOKEN>");
}

export function guardRequest(request: NextRequest, policy: ServerPolicy): GuardVerdict {
  if (policy.refusal) return refuse(503, `this server refuses every request until its settings are fixed: ${policy.refusal}`);
  const host = request.headers.get("host");
  if (!isAllowedHost(host, policy.allowedHosts)) {
    return refuse(421, `this server does not answer to Host ${JSON.stringify((host ?? "(none)").slice(0, 200))} (a guard against DNS rebinding); use one of ${policy.allowedHosts.join(", ")} or add the name to REWRITE_ALLOWED_HOSTS`);
  }
  if (policy.token !== undefined) {
    const verdict = tokenVerdict(request, policy.token);
    if (verdict) return verdict;
  }
  if (changesState(request.method)) {
    const refusal = stateChangeRefusal(request.headers, policy.allowedHosts);
    if (refusal) return { kind: "refuse", ...refusal };
  }
  const tooLarge = declaredLengthRefusal(request.headers.get("content-length"), policy.maxBodyBytes);
  return tooLarge ? { kind: "refuse", ...tooLarge } : { kind: "pass" };
}
