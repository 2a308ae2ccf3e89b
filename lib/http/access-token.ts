// REWRITE_AUTH_TOKEN travels as `Authorization: Bearer <token>` (scripts, the CLI) or as a cookie that a visit to
// any page with ?token=<token> sets once, so a browser can use the pages without typing a header.
import { createHash, timingSafeEqual } from "node:crypto";

export const ACCESS_TOKEN_COOKIE = "rewrite_token";
export const ACCESS_TOKEN_PARAM = "token";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison (of digests, so the length of the token does not leak either). */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** The token of `Authorization: Bearer …`, if the header is one. */
export function bearerToken(authorization: string | null): string | undefined {
  const match = authorization === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : undefined;
}

/** Set-Cookie for the token: unreadable by scripts, sent on same-site requests and top-level visits only. */
export function accessTokenCookie(token: string, secure: boolean): string {
  return `${ACCESS_TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
