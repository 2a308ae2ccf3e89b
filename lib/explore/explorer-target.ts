// Which latent of which cache an explorer request is about: the loaded pack's coder (?coder=<hookpoint>, default
// its transcoder) and a latent id from the URL, or the 404 message that says what exists.
import type { ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { parseLatentId } from "@/lib/cache/latent-page-data";
import type { LoadedPackState } from "@/lib/packs/loaded-pack";

export type ExplorerTarget =
  | { readonly ok: true; readonly cache: ActivationCacheRow; readonly latent: number; readonly packDir: string | null }
  | { readonly ok: false; readonly error: string };

export function explorerTarget(db: RewriteDatabase, pack: LoadedPackState, id: string, coder: string | undefined): ExplorerTarget {
  const selection = selectLatentCache(db, pack, coder);
  if (!selection) {
    return { ok: false, error: coder ? `no activation cache for coder "${coder}" in this pack` : "no activation cache for this pack yet; run `npm run rewrite -- cache`" };
  }
  const { cache } = selection;
  const latent = parseLatentId(id);
  if (latent === undefined || latent >= cache.numLatents) {
    return { ok: false, error: `no latent "${id}" in ${cache.hookpoint}; ids run from 0 to ${cache.numLatents - 1}` };
  }
  return { ok: true, cache, latent, packDir: pack.status === "ok" ? pack.pack.dir : null };
}
