import type { NextResponse } from "next/server";
import { FormatError } from "@/lib/formats/format-error";
import { jsonError } from "@/lib/http/json-body";
import { PackRequestError } from "@/lib/packs/pack-request-error";

/** A pack request the user can fix answers 4xx with its message; anything else is a server error. */
export function packErrorResponse(error: unknown): NextResponse {
  if (error instanceof PackRequestError) return jsonError(error.status, error.message);
  if (error instanceof FormatError) return jsonError(422, error.message);
  throw error;
}
