// Everything /packs shows, from one call: every registered pack with its state, corpus and caches, and for the
// active pack each coder's cache state with the live job building it (the page offers "Build its cache").
import type { RewriteDatabase } from "@/db/client";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import { listPackEntries, type PackListEntry } from "@/lib/packs/pack-list";
import { coderChoices, type CoderChoice } from "./coder-choices";

export interface PacksPageData {
  entries: PackListEntry[];
  /** The active pack's coders; empty when it cannot be read. */
  activeCoders: CoderChoice[];
}

export function loadPacksPage(db: RewriteDatabase): PacksPageData {
  const active = loadActivePack(db);
  return { entries: listPackEntries(db), activeCoders: active.status === "ok" ? coderChoices(db, active) : [] };
}
