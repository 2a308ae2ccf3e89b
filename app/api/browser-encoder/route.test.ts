import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { defaultPackDir } from "@/lib/settings";
import { GET as getAsset } from "./[identity]/[hookpoint]/[file]/route";
import { GET as getDescriptor } from "./route";

// The descriptor is revalidated by pack identity; the assets' URLs carry the identity and are cached for good.

// The routes read the active pack from the process-wide database: a fresh one, so the demo pack is active.
const dataDir = mkdtempSync(join(tmpdir(), "rewrite-browser-routes-"));
vi.stubEnv("REWRITE_DATA_DIR", dataDir);
vi.stubEnv("REWRITE_DB_PATH", join(dataDir, "rewrite.sqlite"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const pack = getPackRuntime(defaultPackDir());
const hookpoint = pack.manifest.coders[0].hookpoint;
const descriptorRequest = (query: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost/api/browser-encoder${query}`, { headers });
const asset = (identity: string, file: string) =>
  getAsset(new Request("http://localhost/"), { params: Promise.resolve({ identity, hookpoint, file }) });

describe("GET /api/browser-encoder", () => {
  it("answers the descriptor with the pack identity as ETag, and 304 when the browser has it", async () => {
    const response = await getDescriptor(descriptorRequest(`?hookpoint=${hookpoint}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"${pack.identity}"`);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.json()).toMatchObject({ mode: "browser", identity: pack.identity, hookpoint });
    expect((await getDescriptor(descriptorRequest(`?hookpoint=${hookpoint}`, { "if-none-match": `"${pack.identity}"` }))).status).toBe(304);
  });

  it("answers 404 for a hookpoint the pack has no coder at", async () => {
    const response = await getDescriptor(descriptorRequest("?hookpoint=layers.9.mlp"));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('no coder at hookpoint "layers.9.mlp"');
  });
});

describe("GET /api/browser-encoder/:identity/:hookpoint/:file", () => {
  it("serves an ONNX graph and the tokenizer as immutable files", async () => {
    const graph = await asset(pack.identity, "prefix.onnx");
    expect(graph.status).toBe(200);
    expect(graph.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Number(graph.headers.get("content-length"))).toBe((await graph.arrayBuffer()).byteLength);
    const tokenizer = (await (await asset(pack.identity, "tokenizer.json")).json()) as { model: { type: string } };
    expect(tokenizer.model.type).toBe("BPE");
  });

  it("refuses another pack's identity and unknown files, uncached", async () => {
    const stale = await asset("0123456789abcdef", "coder.onnx");
    expect(stale.status).toBe(404);
    expect(stale.headers.get("cache-control")).toBe("no-store");
    expect(((await stale.json()) as { error: string }).error).toContain(`the pack is now ${pack.identity}`);
    expect((await asset(pack.identity, "model.safetensors")).status).toBe(404);
  });
});
