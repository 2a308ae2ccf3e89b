import { describe, expect, it } from "vitest";
import { fetchJson, FetchJsonError } from "./fetch-json";

/** A fetch that records what it was asked and answers one fixed response. */
function answering(status: number, body: string, statusText = "") {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, statusText, headers: { "Content-Type": "application/json" } });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe("fetchJson", () => {
  it("returns the parsed answer of a GET and sends no body or content type", async () => {
    const { impl, calls } = answering(200, '{"jobs":[1,2]}');
    await expect(fetchJson<{ jobs: number[] }>("/api/jobs", {}, impl)).resolves.toEqual({ jobs: [1, 2] });
    expect(calls[0].init.method).toBe("GET");
    expect(calls[0].init.body).toBeUndefined();
    expect(calls[0].init.headers).toBeUndefined();
  });

  it("sends a POST's body as JSON, and says it is JSON even without a body", async () => {
    const withBody = answering(200, "{}");
    await fetchJson("/api/packs/active", { method: "POST", body: { name: "demo" } }, withBody.impl);
    expect(withBody.calls[0].init.body).toBe('{"name":"demo"}');
    expect(withBody.calls[0].init.headers).toEqual({ "Content-Type": "application/json" });
    const bare = answering(200, "{}");
    await fetchJson("/api/latents/3/versions/9/current", { method: "POST" }, bare.impl);
    expect(bare.calls[0].init.body).toBeUndefined();
    expect(bare.calls[0].init.headers).toEqual({ "Content-Type": "application/json" });
  });

  it("throws the route's own message with its status on a refusal", async () => {
    const { impl } = answering(400, '{"error":"numTokens must be a positive integer, got -1"}', "Bad Request");
    const error = await fetchJson("/api/packs/cache", { method: "POST", body: {} }, impl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchJsonError);
    expect((error as FetchJsonError).message).toBe("numTokens must be a positive integer, got -1");
    expect((error as FetchJsonError).status).toBe(400);
  });

  it("names the request and status when a refusal has no JSON message", async () => {
    const { impl } = answering(502, "<html>bad gateway</html>", "Bad Gateway");
    await expect(fetchJson("/api/jobs", {}, impl)).rejects.toThrow("GET /api/jobs answered 502 Bad Gateway");
  });

  it("refuses a successful answer that is not JSON instead of returning null", async () => {
    const { impl } = answering(200, "not json");
    await expect(fetchJson("/api/jobs", {}, impl)).rejects.toThrow("GET /api/jobs answered 200 without a JSON body");
  });
});
