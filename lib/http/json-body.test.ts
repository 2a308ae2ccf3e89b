import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonBody } from "./json-body";

const schema = z.object({ text: z.string() });
const SHAPE = '{"text": "..."}';

/** A chunked upload with no Content-Length that never ends on its own; counts the chunks pulled from it. */
function endlessUpload() {
  const chunk = new TextEncoder().encode(`{"text": "${"a".repeat(1000)}`);
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled, cancelled: () => cancelled, chunkBytes: chunk.byteLength };
}

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/api/x", { method: "POST", body, headers });

describe("parseJsonBody", () => {
  it("parses a body within the limit by its schema", async () => {
    expect(await parseJsonBody(post('{"text": "hi"}'), schema, SHAPE, 100)).toEqual({ ok: true, data: { text: "hi" } });
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const upload = endlessUpload();
    const request = new Request(upload.request, { headers: { "content-length": "5000" } });
    const parsed = await parseJsonBody(request, schema, SHAPE, 4096);
    expect(parsed.ok || parsed.response.status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a streamed body as soon as it passes the limit, and cancels the upload", async () => {
    const upload = endlessUpload();
    const parsed = await parseJsonBody(upload.request, schema, SHAPE, 10_000);
    if (parsed.ok) throw new Error("an endless body was accepted");
    expect(parsed.response.status).toBe(413);
    expect(await errorOf(parsed.response)).toBe("the request body is larger than 10000 bytes (REWRITE_MAX_BODY_BYTES)");
    // 10,000 bytes are 10 chunks of 1,011; the 11th passes the limit (the stream may have one more queued).
    expect(upload.pulled()).toBeLessThanOrEqual(Math.ceil(10_000 / upload.chunkBytes) + 2);
    expect(upload.cancelled()).toBe(true);
  });

  it("answers 400 with the expected shape to malformed JSON, invalid UTF-8, and a body that fails the schema", async () => {
    for (const body of ['{"text": ', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), ""]) {
      const parsed = await parseJsonBody(post(body), schema, SHAPE, 100);
      expect(parsed.ok || (await errorOf(parsed.response))).toBe(`the request body must be JSON: ${SHAPE}`);
    }
    const wrong = await parseJsonBody(post('{"text": 5}'), schema, SHAPE, 100);
    expect(wrong.ok || wrong.response.status).toBe(400);
  });
});
