// Token inspection on the latent page: one cached token's exact activation for the latent (read from the cache)
// and every latent active at that position with its explanation. The cache groups activations by latent, so the
// position's TopK is recomputed: the context's prefix up to the token through the model and the coder, exactly as
// the cache was built (causal attention: later tokens cannot change it).
import type { ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { latentExplanations } from "@/db/latents";
import { countAtMost } from "@/lib/core/sorted-search";
import { encodeTokensAt } from "@/lib/coder/encode-tokens";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { openActivationCache } from "./activation-cache";
import type { TokenText } from "./token-display";

export interface InspectedLatent {
  latent: number;
  activation: number;
  explanation: string | null;
}

export interface TokenInspection {
  latent: number;
  /** Global token index: context · contextLength + position. */
  token: number;
  sequence: number;
  position: number;
  tokenId: number;
  text: string;
  /** This latent's stored activation at the token (0 when it did not fire). */
  activation: number;
  /** The coder's active latents at the token, strongest first; null when the pack the cache was built from is not loaded. */
  topLatents: InspectedLatent[] | null;
}

/** A latent's stored activation at a global token index (its positions are ascending). */
export function storedActivation(positions: Uint32Array, values: Float32Array, token: number): number {
  const at = countAtMost(positions, token) - 1;
  return at >= 0 && positions[at] === token ? values[at] : 0;
}

/** Explanations beside each latent, in the given order. */
function withExplanations(db: RewriteDatabase, cacheId: number, active: { latent: number; activation: number }[]): InspectedLatent[] {
  const explanations = latentExplanations(db, cacheId, active.map((a) => a.latent));
  return active.map((a) => ({ ...a, explanation: explanations.get(a.latent) ?? null }));
}

export async function inspectCachedToken(
  db: RewriteDatabase,
  row: ActivationCacheRow,
  latent: number,
  token: number,
  text: TokenText,
  runtime: PackRuntime | undefined,
): Promise<TokenInspection> {
  const cache = openActivationCache(row.dir);
  const acts = cache.latentActivations(latent);
  const sequence = Math.floor(token / row.contextLength);
  const position = token % row.contextLength;
  const prefix = cache.readTokens(sequence * row.contextLength, position + 1);
  const base = { latent, token, sequence, position, tokenId: prefix[position], text: text(prefix[position]), activation: storedActivation(acts.positions, acts.values, token) };
  if (!runtime || runtime.identity !== row.packIdentity) return { ...base, topLatents: null };
  const coder = runtime.coder(row.hookpoint);
  const { k } = coder.config;
  const { topValues, topIndices } = await encodeTokensAt(runtime.model, coder, row.hookpoint, prefix, 1);
  const active: { latent: number; activation: number }[] = [];
  for (let j = position * k; j < (position + 1) * k && topValues[j] > 0; j++) active.push({ latent: topIndices[j], activation: topValues[j] });
  return { ...base, topLatents: withExplanations(db, row.id, active) };
}
