// Route handlers' one way to read a JSON body: a body over REWRITE_MAX_BODY_BYTES is a 413 before it is read whole,
// and malformed JSON or a body that fails its schema is a 400 whose message says what was expected, never a stack trace.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { maxBodyBytes } from "@/lib/settings";
import { readBodyBytes } from "./body-limit";

export const jsonError = (status: number, error: string) => NextResponse.json({ error }, { status });

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: NextResponse };

/** The request's JSON body parsed by `schema`; `shape` describes the expected body for the "not JSON" message. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, shape: string, limitBytes = maxBodyBytes()): Promise<ParsedBody<z.infer<S>>> {
  const read = await readBodyBytes(request, limitBytes);
  if (!read.ok) return { ok: false, response: jsonError(read.refusal.status, read.refusal.error) };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(read.bytes));
  } catch {
    return { ok: false, response: jsonError(400, `the request body must be JSON: ${shape}`) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: jsonError(400, describeZodIssues(parsed.error)) };
  return { ok: true, data: parsed.data };
}
