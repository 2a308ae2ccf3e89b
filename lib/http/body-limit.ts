// Request bodies are capped (REWRITE_MAX_BODY_BYTES): a declared Content-Length over the cap is refused before
// anything is read, and a chunked body is counted as it streams in and dropped the moment it passes the cap.
import type { Refusal } from "./refusal";

const tooLarge = (maxBytes: number): Refusal => ({ status: 413, error: `the request body is larger than ${maxBytes} bytes (REWRITE_MAX_BODY_BYTES)` });

/** The refusal a Content-Length header earns up front, or undefined when it is absent or within the cap. */
export function declaredLengthRefusal(contentLength: string | null, maxBytes: number): Refusal | undefined {
  if (contentLength === null) return undefined;
  if (!/^\d{1,16}$/.test(contentLength.trim())) return { status: 400, error: `Content-Length ${JSON.stringify(contentLength.slice(0, 40))} is not a byte count` };
  return Number(contentLength) > maxBytes ? tooLarge(maxBytes) : undefined;
}

export type BodyBytes = { ok: true; bytes: Uint8Array } | { ok: false; refusal: Refusal };

/** The whole body, read chunk by chunk and abandoned as soon as it exceeds `maxBytes`. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<BodyBytes> {
  const declared = declaredLengthRefusal(request.headers.get("content-length"), maxBytes);
  if (declared) return { ok: false, refusal: declared };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, refusal: tooLarge(maxBytes) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
