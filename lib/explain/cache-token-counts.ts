// The statistical explainer's background: how often each token text occurs among all cached tokens. Computed once
// per cache (one sequential pass over the token file), then shared by every latent.
import type { RewriteDatabase } from "@/db/client";
import type { ActivationCache } from "@/lib/cache/activation-cache";
import { openStageCache, type StageCacheOptions } from "@/lib/cache/stage-cache";
import type { TokenText } from "@/lib/cache/token-display";
import { StatisticalExplainer, type StatisticalExplainerOptions } from "./statistical-explainer";
import type { TokenCounts } from "./token-enrichment";

const TOKENS_PER_READ = 1 << 20;

export function cacheTokenCounts(cache: ActivationCache, tokenText: TokenText): TokenCounts {
  const byId = new Map<number, number>();
  for (let start = 0; start < cache.numTokens; start += TOKENS_PER_READ) {
    const ids = cache.readTokens(start, Math.min(TOKENS_PER_READ, cache.numTokens - start));
    for (const id of ids) byId.set(id, (byId.get(id) ?? 0) + 1);
  }
  // Ids whose texts coincide (U+FFFD pieces of multi-byte characters) count as one token text, as the explainer sees them.
  const counts = new Map<string, number>();
  for (const [id, n] of byId) {
    const text = tokenText(id);
    counts.set(text, (counts.get(text) ?? 0) + n);
  }
  return { counts, total: cache.numTokens };
}

/** The offline explainer baseline for one cache, its background counted from the cache's own tokens. */
export function statisticalExplainerForCache(
  db: RewriteDatabase,
  cacheId: number,
  options: StageCacheOptions & StatisticalExplainerOptions = {},
): StatisticalExplainer {
  const stage = openStageCache(db, cacheId, options);
  return new StatisticalExplainer(cacheTokenCounts(stage.cache, stage.tokenText), options);
}
