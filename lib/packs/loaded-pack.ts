import { getDatabase } from "@/db/client";
import { upsertPack } from "@/db/packs";
import { defaultPackDir } from "@/lib/settings";
import { computePackIdentity } from "./pack-identity";
import { readPackState, type PackState } from "./pack-summary";

export type LoadedPackState = Exclude<PackState, { status: "ok" }> | (Extract<PackState, { status: "ok" }> & { identity: string });

/** Reads the configured pack from disk and records it in the database, so every page names the same pack. */
export function loadDefaultPack(): LoadedPackState {
  const state = readPackState(defaultPackDir());
  if (state.status !== "ok") return state;
  let identity: string;
  try {
    identity = computePackIdentity(state.pack.dir);
  } catch (error) {
    return { status: "invalid", dir: state.pack.dir, error: (error as Error).message };
  }
  upsertPack(getDatabase(), state.pack, identity, new Date());
  return { ...state, identity };
}
