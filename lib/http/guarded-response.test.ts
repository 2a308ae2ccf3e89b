import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { guardedResponse } from "./guarded-response";

const policy = { allowedHosts: ["127.0.0.1:3100"], maxBodyBytes: 1000, token: "0123456789abcdef0123456789abcdef" };
const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://127.0.0.1:3100${path}`, { headers: { host: "127.0.0.1:3100", ...headers } });

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
}

describe("guardedResponse", () => {
  it("lets a good request through with the security headers", () => {
    const response = guardedResponse(request("/", { authorization: `Bearer ${policy.token}` }), policy);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expectSecurityHeaders(response);
  });

  it("answers a refusal as JSON {error} with its status and the same headers", async () => {
    const response = guardedResponse(request("/api/jobs"), policy);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/needs its access token/);
    expectSecurityHeaders(response);
  });

  it("sets the token cookie with a 303 to the same page", () => {
    const response = guardedResponse(request(`/runs?token=${policy.token}`), policy);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3100/runs");
    expect(response.headers.get("set-cookie")).toContain("HttpOnly");
    expectSecurityHeaders(response);
  });
});
