// The proxy's answer: the guard's refusal as JSON, the token cookie and a redirect, or the way on to the page or
// route; every one carries the security headers.
import { NextResponse, type NextRequest } from "next/server";
import { guardRequest } from "./request-guard";
import { SECURITY_HEADERS } from "./security-headers";
import type { ServerPolicy } from "./server-policy";

export function guardedResponse(request: NextRequest, policy: ServerPolicy): NextResponse {
  const verdict = guardRequest(request, policy);
  const response =
    verdict.kind === "pass"
      ? NextResponse.next()
      : verdict.kind === "refuse"
        ? NextResponse.json({ error: verdict.error }, { status: verdict.status, headers: { "cache-control": "no-store" } })
        : new NextResponse(null, { status: 303, headers: { location: verdict.location, "set-cookie": verdict.setCookie, "cache-control": "no-store" } });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
