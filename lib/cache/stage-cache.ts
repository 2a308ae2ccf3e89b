// What the explain, score and simulate stages read from a cache: its row, its files, its example-window shape and
// the display text of its tokens. The text comes from the pack the cache was built from, found by identity among
// the given folder, the registered packs and the default pack, so a stage never shows another pack's text.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { findActivationCacheById, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listPacks } from "@/db/packs";
import { computePackIdentity } from "@/lib/packs/pack-identity";
import { PACK_MANIFEST_FILE, packModelDir, readPackManifest } from "@/lib/packs/pack-manifest";
import { defaultPackDir } from "@/lib/settings";
import { openActivationCache, type ActivationCache } from "./activation-cache";
import type { WindowShape } from "./activation-windows";
import { tokenDisplay, type TokenText } from "./token-display";

export interface StageCache {
  row: ActivationCacheRow;
  cache: ActivationCache;
  /** The summaries' example windows (delphi: 32 tokens). */
  shape: WindowShape;
  tokenText: TokenText;
}

export interface StageCacheOptions {
  /** Token texts to use instead of the pack's tokenizer (tests on synthetic caches). */
  tokenText?: TokenText;
  /** The pack folder the cache was built from, tried first. */
  packDir?: string;
}

export function cacheTokenText(db: RewriteDatabase, row: ActivationCacheRow, packDir?: string): TokenText {
  const registered = listPacks(db).filter((p) => p.identity === row.packIdentity).map((p) => p.dir);
  const candidates = [...new Set([...(packDir ? [packDir] : []), ...registered, defaultPackDir()])];
  for (const dir of candidates) {
    if (!existsSync(join(dir, PACK_MANIFEST_FILE)) || computePackIdentity(dir) !== row.packIdentity) continue;
    return tokenDisplay(packModelDir(dir, readPackManifest(dir)));
  }
  throw new Error(
    `cache ${row.id} (${row.hookpoint}) was built from pack ${row.packIdentity}, which is none of ${candidates.join(", ")}; ` +
      "pass the pack folder it was built from (--pack)",
  );
}

export function openStageCache(db: RewriteDatabase, cacheId: number, options: StageCacheOptions = {}): StageCache {
  const row = findActivationCacheById(db, cacheId);
  if (!row) throw new Error(`activation cache ${cacheId} is not registered; run \`rewrite cache\` first`);
  if (row.summarizedAt === null) throw new Error(`activation cache ${cacheId} (${row.hookpoint}) has no finished latent summaries; run \`rewrite cache\` to finish them`);
  return {
    row,
    cache: openActivationCache(row.dir),
    shape: { contextLength: row.contextLength, windowLength: row.windowLength },
    tokenText: options.tokenText ?? cacheTokenText(db, row, options.packDir),
  };
}
