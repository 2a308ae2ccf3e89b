import type { NextResponse } from "next/server";
import { FolderWalkError } from "@/lib/formats/folder-walk";
import { FormatError } from "@/lib/formats/format-error";
import { jsonError } from "@/lib/http/json-body";
import { PackRequestError } from "@/lib/packs/pack-request-error";

/** A pack request the user can fix answers 4xx with its message; anything else is a server error. */
export function packErrorResponse(error: unknown): NextResponse {
  if (error instanceof PackRequestError) return jsonError(error.status, error.message);
  // A walk stopped at a limit or at a link out of its folder: the request named the wrong folder.
  if (error instanceof FolderWalkError) return jsonError(400, error.message);
  if (error instanceof FormatError) return jsonError(422, error.message);
  throw error;
}
