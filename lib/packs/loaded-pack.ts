import { getDatabase, type RewriteDatabase } from "@/db/client";
import { upsertPack } from "@/db/packs";
import { computePackIdentity } from "./pack-identity";
import { activePackDir } from "./pack-registry";
import { readPackState, type PackState } from "./pack-summary";

export type LoadedPackState = Exclude<PackState, { status: "ok" }> | (Extract<PackState, { status: "ok" }> & { identity: string });

/** Reads the pack at `dir` from disk and records it in the database, so every page names the same pack. */
export function loadPack(db: RewriteDatabase, dir: string): LoadedPackState {
  const state = readPackState(dir);
  if (state.status !== "ok") return state;
  let identity: string;
  try {
    identity = computePackIdentity(state.pack.dir);
  } catch (error) {
    return { status: "invalid", dir: state.pack.dir, error: (error as Error).message };
  }
  upsertPack(db, state.pack, identity, new Date());
  return { ...state, identity };
}

/** The pack chosen with `rewrite pack use` or on /packs, else the REWRITE_PACK_DIR pack. */
export function loadActivePack(db: RewriteDatabase = getDatabase()): LoadedPackState {
  return loadPack(db, activePackDir(db));
}
