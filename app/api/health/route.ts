import { NextResponse } from "next/server";
import { getDatabase } from "@/db/client";
import { appVersions } from "@/lib/app-versions";
import { loadActivePack } from "@/lib/packs/loaded-pack";

export const dynamic = "force-dynamic";

export function GET() {
  let database: { ok: boolean; error?: string };
  try {
    getDatabase().$client.prepare("select 1").get();
    database = { ok: true };
  } catch (error) {
    database = { ok: false, error: (error as Error).message };
  }
  const pack = database.ok ? loadActivePack() : { status: "unknown" as const };
  return NextResponse.json({ ok: database.ok && pack.status === "ok", versions: appVersions(), database, pack }, { status: database.ok ? 200 : 503 });
}
