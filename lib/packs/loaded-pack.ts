import { getDatabase, type RewriteDatabase } from "@/db/client";
import { openPack, type OpenedPackState } from "./open-pack";
import { activePackDir } from "./pack-registry";

export type LoadedPackState = OpenedPackState;

/** The pack chosen with `rewrite pack use` or on /packs, else the REWRITE_PACK_DIR pack; a read only, never a write. */
export function loadActivePack(db: RewriteDatabase = getDatabase()): LoadedPackState {
  return openPack(activePackDir(db));
}
