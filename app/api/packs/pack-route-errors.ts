import { NextResponse } from "next/server";
import { FormatError } from "@/lib/formats/format-error";
import { PackRequestError } from "@/lib/packs/pack-request-error";

export const failPackRequest = (status: number, error: string) => NextResponse.json({ error }, { status });

/** A pack request the user can fix answers 4xx with its message; anything else is a server error. */
export function packErrorResponse(error: unknown): NextResponse {
  if (error instanceof PackRequestError) return failPackRequest(error.status, error.message);
  if (error instanceof FormatError) return failPackRequest(422, error.message);
  throw error;
}
