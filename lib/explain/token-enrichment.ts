// Which tokens are over-represented where a latent fires, relative to the corpus (a pure statistic, no I/O).

/** Occurrences per token string, and the total they are counted out of. */
export interface TokenCounts {
  counts: ReadonlyMap<string, number>;
  total: number;
}

export interface EnrichedToken {
  token: string;
  count: number;
  /** ln odds(token | firing) − ln odds(token | corpus), each with `prior` pseudo-counts. */
  logOdds: number;
  /** logOdds over its standard error (Woolf), so a frequent moderate enrichment beats a one-off rare token. */
  z: number;
}

export interface EnrichmentOptions {
  /** Pseudo-count added to each of the four cells (default 0.5, the Haldane–Anscombe correction). */
  prior?: number;
  /** A token must occur at least this often where the latent fires (default 2). */
  minCount?: number;
  /** Keep tokens whose z is at least this (default 2). */
  minZ?: number;
}

/** Log-odds ratio with a prior and its z-score, for one token: `a` of `A` firing tokens vs `b` of `B` corpus tokens. */
export function logOddsRatio(a: number, A: number, b: number, B: number, prior: number): { logOdds: number; z: number } {
  const logOdds = Math.log((a + prior) / (A - a + prior)) - Math.log((b + prior) / (B - b + prior));
  const variance = 1 / (a + prior) + 1 / (A - a + prior) + 1 / (b + prior) + 1 / (B - b + prior);
  return { logOdds, z: logOdds / Math.sqrt(variance) };
}

/**
 * Tokens of `firing` enriched against `background`, best first (by z, then count, then token for a stable order).
 * Tokens missing from the background count as 0 there; the prior keeps their odds finite.
 */
export function enrichedTokens(firing: TokenCounts, background: TokenCounts, options: EnrichmentOptions = {}): EnrichedToken[] {
  const prior = options.prior ?? 0.5;
  const minCount = options.minCount ?? 2;
  const minZ = options.minZ ?? 2;
  if (firing.total <= 0) return [];
  const found: EnrichedToken[] = [];
  for (const [token, count] of firing.counts) {
    if (count < minCount) continue;
    const inBackground = Math.min(background.counts.get(token) ?? 0, background.total);
    const { logOdds, z } = logOddsRatio(count, firing.total, inBackground, background.total, prior);
    if (z >= minZ) found.push({ token, count, logOdds, z });
  }
  return found.sort((x, y) => y.z - x.z || y.count - x.count || (x.token < y.token ? -1 : x.token > y.token ? 1 : 0));
}
