// Simulator contexts read from an activation cache: the window of cached tokens ending at one token (§2.2: the
// simulated token is the window's last), never reaching back across the start of its context.
import { predictionContextId } from "@/db/predictions";
import type { ActivationCache } from "@/lib/cache/activation-cache";
import type { TokenText } from "@/lib/cache/token-display";

export interface SimulationContext {
  /** "<cacheId>:<global token index>:<window length>", the prediction cache's key. */
  contextId: string;
  /** The window as token texts; the simulated token is the last. */
  tokens: string[];
}

export interface CacheContextSource {
  /** The activation_caches row id, part of every context id. */
  cacheId: number;
  cache: ActivationCache;
}

/** One context per global token index: up to `windowLength` tokens ending at it, within its own context. */
export function contextsEndingAt(
  source: CacheContextSource,
  tokenIndices: ArrayLike<number>,
  windowLength: number,
  tokenText: TokenText,
): SimulationContext[] {
  if (!Number.isInteger(windowLength) || windowLength < 1) throw new Error(`windowLength must be a positive integer, got ${windowLength}`);
  const { cache, cacheId } = source;
  const contextLength = cache.manifest.contextLength;
  return Array.from(tokenIndices, (token) => {
    if (!Number.isInteger(token) || token < 0 || token >= cache.numTokens) {
      throw new Error(`token index ${token} is outside the cache's ${cache.numTokens} tokens`);
    }
    const start = Math.max(token - windowLength + 1, token - (token % contextLength));
    const ids = cache.readTokens(start, token - start + 1);
    return { contextId: predictionContextId(cacheId, token, windowLength), tokens: Array.from(ids, (id) => tokenText(id)) };
  });
}
