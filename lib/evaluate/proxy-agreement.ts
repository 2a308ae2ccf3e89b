// Proxies vs causal effect: do the scores interpretability tools rank explanations by (detection, fuzzing,
// correlation) order latents the way their oracle gain does? Spearman ρ over explained latents with a bootstrap CI
// that resamples latents, and the latents where a proxy and the cost disagree most plainly.
import type { BootstrapOptions, ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import { indexBootstrapCi } from "@/lib/core/index-bootstrap";
import { quantileSorted } from "@/lib/core/sample-quantiles";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { spearmanRho } from "@/lib/core/spearman";
import { derivedSeed } from "@/lib/core/derived-seed";
import type { LedgerRow } from "./ledger-rows";

export const PROXIES = ["detection", "fuzzing", "correlation"] as const;
export type ProxyScore = (typeof PROXIES)[number];

export interface ProxyAgreement {
  readonly proxy: ProxyScore;
  /** Spearman ρ of the proxy with the oracle gain; a useful proxy has ρ < 0 (better scores, cheaper simulations). */
  readonly rho: ConfidenceInterval;
  /** Explained latents with the proxy defined. */
  readonly latentCount: number;
}

/** Per latent (index = latent): oracle gain, whether explained, and the three proxies (NaN = undefined). */
export interface ProxyInputs {
  readonly oracleGainNats: Float64Array;
  readonly explained: Uint32Array;
  readonly proxies: Record<ProxyScore, Float64Array>;
}

export function proxyAgreement(inputs: ProxyInputs, seed: number, bootstrap: BootstrapOptions): ProxyAgreement[] {
  return PROXIES.map((proxy) => {
    const score = inputs.proxies[proxy];
    const latents = Array.from(inputs.explained.keys()).filter((l) => inputs.explained[l] === 1 && !Number.isNaN(score[l]));
    const rhoOf = (idx: Int32Array) => {
      if (idx.length < 2) return Number.NaN;
      const picked = Array.from(idx, (i) => latents[i]);
      return spearmanRho(Float64Array.from(picked, (l) => score[l]), Float64Array.from(picked, (l) => inputs.oracleGainNats[l]));
    };
    const rng = createSeededRng(derivedSeed(seed, `bootstrap/proxy/${proxy}`));
    const rho = latents.length > 0 ? indexBootstrapCi(latents.length, rhoOf, rng, bootstrap) : { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, level: bootstrap.level ?? 0.95, resamples: 0 };
    return { proxy, rho: { estimate: rho.estimate, lower: rho.lower, upper: rho.upper, level: rho.level, resamples: rho.resamples }, latentCount: latents.length };
  });
}

export const proxyOf = (row: LedgerRow, proxy: ProxyScore): number | null => row[proxy];

export interface ProxyMismatches<R extends LedgerRow = LedgerRow> {
  /** Proxy in its top quartile, yet fixing the simulation clearly recovers loss (oracle gain CI above 0): largest gain first. */
  readonly highScoreLargeCost: R[];
  /** Proxy in its bottom quartile, yet no detectable cost though the simulation changed the rewrite on many prompts. */
  readonly lowScoreNoCost: R[];
  readonly highThreshold: number;
  readonly lowThreshold: number;
}

/** The rules above, `count` latents each; "many prompts" is at least `minChangedPrompts`. */
export function proxyMismatches<R extends LedgerRow>(rows: readonly R[], proxy: ProxyScore, options: { count?: number; minChangedPrompts?: number } = {}): ProxyMismatches<R> {
  const count = options.count ?? 10;
  const minChanged = options.minChangedPrompts ?? 10;
  const scored = rows.filter((r) => proxyOf(r, proxy) !== null);
  const sorted = Float64Array.from(scored, (r) => proxyOf(r, proxy)!).sort();
  if (sorted.length === 0) return { highScoreLargeCost: [], lowScoreNoCost: [], highThreshold: Number.NaN, lowThreshold: Number.NaN };
  const high = quantileSorted(sorted, 0.75, 7);
  const low = quantileSorted(sorted, 0.25, 7);
  return {
    highScoreLargeCost: scored
      .filter((r) => proxyOf(r, proxy)! >= high && r.oracleGain.lower > 0)
      .sort((a, b) => b.oracleGain.mean - a.oracleGain.mean || a.latent - b.latent)
      .slice(0, count),
    lowScoreNoCost: scored
      .filter((r) => proxyOf(r, proxy)! <= low && r.oracleGain.lower <= 0 && r.oracleChangedPrompts >= minChanged)
      .sort((a, b) => b.oracleChangedPrompts - a.oracleChangedPrompts || a.latent - b.latent)
      .slice(0, count),
    highThreshold: high,
    lowThreshold: low,
  };
}
