// What /packs and `rewrite pack list` show for each pack: its state read from its files now, where its corpus is,
// and how far its activation caches got.
import { listActivationCaches } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listPacks } from "@/db/packs";
import { corpusFormat, type CorpusFormat } from "@/lib/corpus/pack-corpus";
import { defaultPackDir } from "@/lib/settings";
import { openPack, type OpenedPackState } from "./open-pack";
import { packCorpusPath, readPackManifest, type PackManifest } from "./pack-manifest";
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
  state: OpenedPackState;
  active: boolean;
  /** The REWRITE_PACK_DIR pack. */
  fromEnvironment: boolean;
  /** `reading`: how `pack add` read it (pack.json's corpus_reading), when recorded. */
  corpus?: { path: string; format: CorpusFormat | "unreadable"; reading?: string };
  caches: PackCacheStatus[];
}

/** A broken pack (say, a missing weight file) still names its corpus when its pack.json reads. */
function manifestOf(state: OpenedPackState): PackManifest | undefined {
  if (state.status === "ok") return state.manifest;
  try {
    return readPackManifest(state.dir);
  } catch {
    return undefined;
  }
}

function corpusOf(state: OpenedPackState): PackListEntry["corpus"] {
  const manifest = manifestOf(state);
  const path = manifest && packCorpusPath(state.dir, manifest);
  if (path === undefined) return undefined;
  const reading = manifest?.corpus_reading === undefined ? {} : { reading: manifest.corpus_reading };
  try {
    return { path, format: corpusFormat(path), ...reading };
  } catch {
    return { path, format: "unreadable" };
  }
}

/** Every registered pack, and the REWRITE_PACK_DIR pack when readable (registered at start-up), by name. */
export function listPackEntries(db: RewriteDatabase): PackListEntry[] {
  const environmentDir = defaultPackDir();
  const active = activePackDir(db);
  const rows = listPacks(db).map(({ name, dir }) => ({ name, dir }));
  const environment = openPack(environmentDir);
  if (environment.status === "ok" && !rows.some((row) => row.name === environment.pack.name)) rows.push({ name: environment.pack.name, dir: environment.dir });
  return rows
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((row) => {
      const state = openPack(row.dir);
      const caches = state.status === "ok" ? listActivationCaches(db, state.identity) : [];
      return {
        name: row.name,
        dir: row.dir,
        state,
        active: row.dir === active,
        fromEnvironment: row.dir === environmentDir,
        corpus: corpusOf(state),
        caches: caches.map((c) => ({ hookpoint: c.hookpoint, numTokens: c.numTokens, summarized: c.summarizedAt !== null })),
      };
    });
}
