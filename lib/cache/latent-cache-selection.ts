// Which activation cache the latent pages show: the loaded pack's, one per coder (?coder=<hookpoint>, default
// the transcoder). Without a readable pack (while developing), the newest cache in the database.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { listActivationCaches, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import type { LoadedPackState } from "@/lib/packs/loaded-pack";
import { packModelDir, readPackManifest } from "@/lib/packs/pack-manifest";
import { defaultPackDir } from "@/lib/settings";

export interface LatentCacheSelection {
  cache: ActivationCacheRow;
  /** Every summarized cache of the same pack, for the coder switch. */
  caches: ActivationCacheRow[];
  /** The pack's model folder (its tokenizer gives the token texts), when it has a tokenizer.json. */
  modelDir?: string;
}

function modelDirOf(pack: LoadedPackState): string | undefined {
  const modelDir = pack.status === "ok" ? packModelDir(pack.pack.dir, readPackManifest(pack.pack.dir)) : join(defaultPackDir(), "model");
  return existsSync(join(modelDir, "tokenizer.json")) ? modelDir : undefined;
}

export function selectLatentCache(db: RewriteDatabase, pack: LoadedPackState, hookpoint?: string): LatentCacheSelection | undefined {
  const all = listActivationCaches(db, pack.status === "ok" ? pack.identity : undefined).filter((c) => c.summarizedAt !== null);
  const caches = pack.status === "ok" ? all : all.filter((c) => c.packIdentity === all[0]?.packIdentity);
  const cache = hookpoint
    ? caches.find((c) => c.hookpoint === hookpoint)
    : (caches.find((c) => c.coderKind === "transcoder") ?? caches[0]);
  return cache ? { cache, caches, modelDir: modelDirOf(pack) } : undefined;
}
