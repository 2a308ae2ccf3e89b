import type { RewriteDatabase } from "@/db/client";
import { listPacks } from "@/db/packs";
import type { PackSummary } from "@/lib/packs/pack-summary";
import type { SharedPack } from "./share-snapshot";

/** The registered pack with this identity, as a snapshot records it. */
export function sharedPackOf(db: RewriteDatabase, identity: string): SharedPack {
  const row = listPacks(db).find((pack) => pack.identity === identity);
  return { name: row?.name ?? "unregistered pack", identity, summary: row ? (JSON.parse(row.summaryJson) as PackSummary) : null };
}
