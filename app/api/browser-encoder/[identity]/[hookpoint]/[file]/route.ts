import { NextResponse } from "next/server";
import { getDatabase } from "@/db/client";
import { browserAssetBytes, browserEncoderBundle } from "@/lib/browser/browser-encoder-bundle";
import { BROWSER_ASSET_FILES, type BrowserAssetFile } from "@/lib/browser/browser-encoder-descriptor";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { activePackDir } from "@/lib/packs/pack-registry";
import { readPackState } from "@/lib/packs/pack-summary";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const fail = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });

const CONTENT_TYPES: Record<BrowserAssetFile, string> = {
  "prefix.onnx": "application/octet-stream",
  "coder.onnx": "application/octet-stream",
  "tokenizer.json": "application/json",
  "tokenizer_config.json": "application/json",
};

/** GET /api/browser-encoder/:identity/:hookpoint/:file → a graph or tokenizer file of the pack with that identity. */
export async function GET(_request: Request, { params }: { params: Promise<{ identity: string; hookpoint: string; file: string }> }) {
  const { identity, hookpoint, file } = await params;
  if (!(BROWSER_ASSET_FILES as readonly string[]).includes(file)) return fail(404, `no asset "${file}"; the assets are ${BROWSER_ASSET_FILES.join(", ")}`);
  const state = readPackState(activePackDir(getDatabase()));
  if (state.status !== "ok") return fail(404, `no usable pack at ${state.dir}`);
  const pack = getPackRuntime(state.pack.dir);
  if (pack.identity !== identity) return fail(404, `the pack is now ${pack.identity}, not ${identity}; fetch /api/browser-encoder again`);
  if (!pack.manifest.coders.some((c) => c.hookpoint === hookpoint)) return fail(404, `the pack has no coder at ${hookpoint}`);
  const bundle = browserEncoderBundle(pack, hookpoint);
  const bytes = browserAssetBytes(pack, bundle, file as BrowserAssetFile);
  if (!bytes) return fail(404, `${hookpoint} encodes on the server: ${bundle.descriptor.mode === "server" ? bundle.descriptor.reason : ""}`);
  // The URL carries the pack identity, so its bytes never change: cache them for good.
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": CONTENT_TYPES[file as BrowserAssetFile], "content-length": String(bytes.byteLength), "cache-control": "public, max-age=31536000, immutable" },
  });
}
