import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { guardRequest } from "./request-guard";
import type { ServerPolicy } from "./server-policy";

const TOKEN = "0123456789abcdef0123456789abcdef";
const open: ServerPolicy = { allowedHosts: ["localhost:3100", "127.0.0.1:3100", "[::1]:3100"], maxBodyBytes: 1000 };
const guarded: ServerPolicy = { ...open, token: TOKEN };

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(`http://127.0.0.1:3100${path}`, { method: init.method ?? "GET", headers: { host: "127.0.0.1:3100", ...init.headers }, body: init.body });
}
const json = { "content-type": "application/json" };
const statusOf = (verdict: ReturnType<typeof guardRequest>) => (verdict.kind === "refuse" ? verdict.status : verdict.kind);

describe("guardRequest", () => {
  it("passes a page visit and a same-origin JSON POST from a loopback browser", () => {
    expect(guardRequest(request("/latents"), open)).toEqual({ kind: "pass" });
    const post = request("/api/shares", { method: "POST", headers: { ...json, origin: "http://127.0.0.1:3100", "sec-fetch-site": "same-origin" }, body: "{}" });
    expect(guardRequest(post, open)).toEqual({ kind: "pass" });
  });

  it("refuses everything, first of all, when the server's own settings are unsafe", () => {
    const verdict = guardRequest(request("/"), { ...open, refusal: "the server listens on 0.0.0.0 …" });
    expect(verdict).toMatchObject({ kind: "refuse", status: 503, error: expect.stringContaining("listens on 0.0.0.0") });
  });

  it("answers 421 to a Host that is not on the list (DNS rebinding), naming the allowed ones", () => {
    const verdict = guardRequest(request("/api/packs", { headers: { host: "evil.test:3100" } }), open);
    expect(verdict).toMatchObject({ kind: "refuse", status: 421, error: expect.stringMatching(/Host "evil\.test:3100" .*DNS rebinding.*localhost:3100/) });
  });

  it("refuses a cross-site or null-origin POST, and a browser POST without Origin unless same-origin", () => {
    const post = (headers: Record<string, string>) => statusOf(guardRequest(request("/api/packs/active", { method: "POST", headers: { ...json, ...headers }, body: "{}" }), open));
    expect(post({ origin: "http://evil.test" })).toBe(403);
    expect(post({ origin: "null" })).toBe(403);
    expect(post({ origin: "http://localhost:3101" })).toBe(403);
    expect(post({ origin: "file://" })).toBe(403);
    expect(post({ "sec-fetch-site": "cross-site" })).toBe(403);
    expect(post({ "sec-fetch-site": "same-site" })).toBe(403);
    expect(post({ "sec-fetch-site": "same-origin" })).toBe("pass");
    expect(post({ origin: "http://localhost:3100" })).toBe("pass");
    // Neither header: a program such as curl, which no web page can be.
    expect(post({})).toBe("pass");
  });

  it("answers 415 to a state-changing request that is not JSON, whatever its origin", () => {
    const post = (contentType: string | undefined, method = "POST") =>
      guardRequest(request("/api/shares", { method, headers: contentType ? { "content-type": contentType } : {}, body: method === "POST" ? "{}" : undefined }), open);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", undefined]) {
      expect(statusOf(post(type))).toBe(415);
    }
    expect(statusOf(post(undefined, "DELETE"))).toBe(415);
    expect(post("application/json; charset=utf-8")).toEqual({ kind: "pass" });
    expect(post(undefined, "GET")).toEqual({ kind: "pass" });
  });

  it("answers 413 to a declared body over the limit and 400 to a Content-Length that is not a number", () => {
    const post = (length: string) => guardRequest(request("/api/shares", { method: "POST", headers: { ...json, "content-length": length } }), open);
    expect(post("1001")).toMatchObject({ status: 413, error: expect.stringContaining("larger than 1000 bytes") });
    expect(post("1000")).toEqual({ kind: "pass" });
    expect(statusOf(post("-5"))).toBe(400);
  });

  describe("with REWRITE_AUTH_TOKEN", () => {
    it("refuses a request without the token or with a wrong one, even from loopback", () => {
      expect(guardRequest(request("/"), guarded)).toMatchObject({ status: 401, error: expect.stringContaining("Authorization: Bearer") });
      expect(statusOf(guardRequest(request("/api/jobs", { headers: { authorization: `Bearer ${TOKEN}x` } }), guarded))).toBe(401);
      expect(statusOf(guardRequest(request("/api/jobs", { headers: { cookie: `rewrite_token=nope` } }), guarded))).toBe(401);
    });

    it("accepts the bearer header and the cookie", () => {
      expect(guardRequest(request("/api/jobs", { headers: { authorization: `Bearer ${TOKEN}` } }), guarded)).toEqual({ kind: "pass" });
      expect(guardRequest(request("/latents", { headers: { cookie: `rewrite_token=${TOKEN}` } }), guarded)).toEqual({ kind: "pass" });
    });

    it("turns a page visit with the right ?token= into the cookie and a redirect to the URL without it", () => {
      const verdict = guardRequest(request(`/latents?q=dog&token=${TOKEN}&page=2`), guarded);
      expect(verdict).toEqual({ kind: "grant-cookie", location: "http://localhost:3100/latents?q=dog&page=2", setCookie: `rewrite_token=${TOKEN}; Path=/; HttpOnly; SameSite=Lax` });
      expect(statusOf(guardRequest(request("/latents?token=wrong"), guarded))).toBe(401);
    });

    it("still checks the Host before the token, and the origin after it", () => {
      expect(statusOf(guardRequest(request(`/?token=${TOKEN}`, { headers: { host: "evil.test" } }), guarded))).toBe(421);
      const crossSite = request("/api/shares", { method: "POST", headers: { ...json, cookie: `rewrite_token=${TOKEN}`, origin: "http://evil.test" }, body: "{}" });
      expect(statusOf(guardRequest(crossSite, guarded))).toBe(403);
    });
  });
});
