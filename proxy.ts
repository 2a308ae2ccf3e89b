// Next's proxy runs before every page, route and static file: the request guard of lib/http decides, and every
// answer carries the security headers.
import type { NextRequest, NextResponse } from "next/server";
import { guardedResponse } from "@/lib/http/guarded-response";
import { serverPolicy } from "@/lib/http/server-policy";

export function proxy(request: NextRequest): NextResponse {
  return guardedResponse(request, serverPolicy(process.env, process.argv));
}
