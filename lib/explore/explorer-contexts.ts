// Which cached tokens an explanation version is simulated on. The same set for every version of a latent (seeded
// by the latent alone), so versions compare: contexts where the latent is active, spread evenly over the
// quantiles of its activation (delphi's sampling, §2), plus uniformly drawn tokens, the population the quantile
// normalizer is fitted on (§2.1).
import type { LatentActivations } from "@/lib/cache/activation-cache";
import { createSeededRng, sampleWithoutReplacement, shuffleInPlace } from "@/lib/core/seeded-rng";

export interface ExplorerContextCounts {
  /** Tokens where the latent is active, `quantileBins` even slices of its non-zero activations. */
  readonly active: number;
  /** Tokens drawn uniformly from the whole cache (active or not). */
  readonly random: number;
}

/** 160 active + 240 uniform = 400 contexts: the budget, most of it on the calibration's population. */
export const EXPLORER_CONTEXT_COUNTS: ExplorerContextCounts = { active: 160, random: 240 };

export interface ExplorerContextPlan {
  /** Global token indices in simulation order (shuffled, so every batch mixes both kinds). */
  readonly positions: Uint32Array;
  /** Per position: drawn uniformly (fits the quantile normalizer) or from the active quantiles. */
  readonly uniform: Uint8Array;
}

/** Counts per bin that add up to `total`, as even as possible. */
function perBin(total: number, bins: number): number[] {
  return Array.from({ length: bins }, (_, b) => Math.floor(((b + 1) * total) / bins) - Math.floor((b * total) / bins));
}

export function explorerContextPlan(
  acts: LatentActivations,
  numTokens: number,
  counts: ExplorerContextCounts,
  seed: number,
  quantileBins = 10,
): ExplorerContextPlan {
  const rng = createSeededRng(seed);
  const randomCount = Math.min(counts.random, numTokens);
  const uniform = new Set(sampleWithoutReplacement(rng, numTokens, randomCount));
  // Non-zero entries by activation, split into equal-count bins; each bin gives its share, drawn without replacement.
  const order = Array.from(acts.values.keys()).sort((a, b) => acts.values[a] - acts.values[b] || a - b);
  const active: number[] = [];
  const wanted = perBin(Math.min(counts.active, order.length), quantileBins);
  for (let bin = 0; bin < quantileBins; bin++) {
    const slice = order.slice(Math.floor((bin * order.length) / quantileBins), Math.floor(((bin + 1) * order.length) / quantileBins));
    for (const i of sampleWithoutReplacement(rng, slice.length, Math.min(wanted[bin], slice.length))) {
      const position = acts.positions[slice[i]];
      if (!uniform.has(position)) active.push(position);
    }
  }
  const all = [...[...uniform].map((p) => [p, 1] as const), ...active.map((p) => [p, 0] as const)];
  shuffleInPlace(rng, all);
  return { positions: Uint32Array.from(all, ([p]) => p), uniform: Uint8Array.from(all, ([, u]) => u) };
}
