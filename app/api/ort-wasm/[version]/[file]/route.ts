import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { ortWasmFile } from "@/lib/browser/ort-wasm-files";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/ort-wasm/:version/:file → onnxruntime-web's wasm runtime (streamed; the URL's version makes it immutable). */
export async function GET(_request: Request, { params }: { params: Promise<{ version: string; file: string }> }) {
  const { version, file } = await params;
  const found = ortWasmFile(version, file);
  if ("error" in found) return NextResponse.json({ error: found.error }, { status: 404 });
  const body = Readable.toWeb(createReadStream(found.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: { "content-type": found.contentType, "content-length": String(statSync(found.path).size), "cache-control": "public, max-age=31536000, immutable" },
  });
}
