// Route handlers' one way to read a JSON body: malformed JSON or a body that fails its schema is a 400 whose
// message says what was expected, never a stack trace.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { describeZodIssues } from "@/lib/formats/zod-issues";

export const jsonError = (status: number, error: string) => NextResponse.json({ error }, { status });

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: NextResponse };

/** The request's JSON body parsed by `schema`; `shape` describes the expected body for the "not JSON" message. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, shape: string): Promise<ParsedBody<z.infer<S>>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: jsonError(400, `the request body must be JSON: ${shape}`) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: jsonError(400, describeZodIssues(parsed.error)) };
  return { ok: true, data: parsed.data };
}
