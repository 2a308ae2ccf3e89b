// What /packs and `rewrite pack list` show for each pack: its state read from its files now, where its corpus is,
// and how far its activation caches got.
import { listActivationCaches } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listPacks } from "@/db/packs";
import { corpusFormat, type CorpusFormat } from "@/lib/corpus/pack-corpus";
import { defaultPackDir } from "@/lib/settings";
import { loadPack, type LoadedPackState } from "./loaded-pack";
import { packCorpusPath, readPackManifest } from "./pack-manifest";
import { activePackDir } from "./pack-registry";

export interface PackCacheStatus {
  hookpoint: string;
  numTokens: number;
  /** Latent summaries finished: the cache is usable by the pages and later stages. */
  summarized: boolean;
}

export interface PackListEntry {
  name: string;
  dir: string;
  state: LoadedPackState;
  active: boolean;
  /** The REWRITE_PACK_DIR pack. */
  fromEnvironment: boolean;
  corpus?: { path: string; format: CorpusFormat | "unreadable" };
  caches: PackCacheStatus[];
}

function corpusOf(dir: string): PackListEntry["corpus"] {
  try {
    const path = packCorpusPath(dir, readPackManifest(dir));
    if (path === undefined) return undefined;
    try {
      return { path, format: corpusFormat(path) };
    } catch {
      return { path, format: "unreadable" };
    }
  } catch {
    return undefined;
  }
}

/** Every registered pack (the REWRITE_PACK_DIR pack registered first, when readable), by name. */
export function listPackEntries(db: RewriteDatabase): PackListEntry[] {
  const environmentDir = defaultPackDir();
  loadPack(db, environmentDir);
  const active = activePackDir(db);
  return listPacks(db).map((row) => {
    const state = loadPack(db, row.dir);
    const caches = state.status === "ok" ? listActivationCaches(db, state.identity) : [];
    return {
      name: row.name,
      dir: row.dir,
      state,
      active: row.dir === active,
      fromEnvironment: row.dir === environmentDir,
      corpus: corpusOf(row.dir),
      caches: caches.map((c) => ({ hookpoint: c.hookpoint, numTokens: c.numTokens, summarized: c.summarizedAt !== null })),
    };
  });
}
