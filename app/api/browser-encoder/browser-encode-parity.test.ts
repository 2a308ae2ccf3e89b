import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ortWeb from "onnxruntime-web";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAsset } from "@/app/api/browser-encoder/[identity]/[hookpoint]/[file]/route";
import { GET as getDescriptor } from "@/app/api/browser-encoder/route";
import { POST as postEncode } from "@/app/api/encode/route";
import type { TextLatents } from "@/lib/coder/text-latents";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { defaultPackDir } from "@/lib/settings";
import { createBrowserEncoder, type BrowserEncoder } from "@/lib/browser/browser-encoder";
import { browserEncoderDescriptorSchema, type BrowserModeDescriptor } from "@/lib/browser/browser-encoder-descriptor";

// The demo pack's latents typed in the browser (onnxruntime-web's wasm backend, here under Node, on the bytes the
// routes serve) against what POST /api/encode answers (onnxruntime-node) for the same text.

// The routes read the active pack from the process-wide database: a fresh one, so the demo pack is active.
const dataDir = mkdtempSync(join(tmpdir(), "rewrite-browser-encoder-"));
vi.stubEnv("REWRITE_DATA_DIR", dataDir);
vi.stubEnv("REWRITE_DB_PATH", join(dataDir, "rewrite.sqlite"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SAMPLE = "The President of the United States said that the Congress would meet again on Monday, the 4th of March.";
const ALL = 256;
const base = "http://localhost";

async function descriptorFor(hookpoint: string): Promise<BrowserModeDescriptor> {
  const { NextRequest } = await import("next/server");
  const response = await getDescriptor(new NextRequest(`${base}/api/browser-encoder?hookpoint=${hookpoint}`));
  expect(response.status).toBe(200);
  const descriptor = browserEncoderDescriptorSchema.parse(await response.json());
  if (descriptor.mode !== "browser") throw new Error(`the demo pack should encode in the browser: ${descriptor.reason}`);
  return descriptor;
}

async function asset(url: string): Promise<Response> {
  const [, , , identity, hookpoint, file] = url.split("/").map(decodeURIComponent);
  return getAsset(new Request(base + url), { params: Promise.resolve({ identity, hookpoint, file }) });
}

async function serverEncode(text: string, coder: "transcoder" | "sae"): Promise<Response> {
  return postEncode(new Request(`${base}/api/encode`, { method: "POST", body: JSON.stringify({ text, coder, topN: ALL }) }));
}

describe.each(["transcoder", "sae"] as const)("in-browser encoding of the demo pack's %s", (kind) => {
  const pack = getPackRuntime(defaultPackDir());
  const hookpoint = pack.manifest.coders.find((c) => c.kind === kind)!.hookpoint;
  let encoder: BrowserEncoder;

  beforeAll(async () => {
    ortWeb.env.wasm.numThreads = 1;
    const descriptor = await descriptorFor(hookpoint);
    const { assets } = descriptor;
    const bytes = async (url: string) => new Uint8Array(await (await asset(url)).arrayBuffer());
    encoder = await createBrowserEncoder(ortWeb, {
      descriptor,
      prefixGraph: await bytes(assets.prefix),
      coderGraph: await bytes(assets.coder),
      tokenizerJson: await (await asset(assets.tokenizer)).json(),
      tokenizerConfig: await (await asset(assets.tokenizerConfig)).json(),
    });
  });

  afterAll(() => encoder?.release());

  it("gives the server's token ids, TopK latents and activations (≤ 1e-4 relative)", async () => {
    const server = (await (await serverEncode(SAMPLE, kind)).json()) as TextLatents;
    const browser = await encoder.encode(SAMPLE, ALL);
    expect(browser.tokens).toEqual(server.tokens);
    expect(browser.tokens.length).toBeGreaterThan(10);
    browser.latents.forEach((row, t) => {
      expect(row.map((l) => l.latent)).toEqual(server.latents[t].map((l) => l.latent));
      const scale = Math.max(...server.latents[t].map((l) => l.activation));
      row.forEach((l, j) => expect(Math.abs(l.activation - server.latents[t][j].activation)).toBeLessThanOrEqual(1e-4 * scale));
    });
    expect(browser.latents.flat().length).toBeGreaterThan(browser.tokens.length);
  });

  it("refuses over-long text with the server's 413 message", async () => {
    for (const text of [SAMPLE.repeat(8), "a".repeat(4001)]) {
      const response = await serverEncode(text, kind);
      expect(response.status).toBe(413);
      const { error } = (await response.json()) as { error: string };
      await expect(encoder.encode(text, ALL)).rejects.toThrow(error);
    }
  });
});
