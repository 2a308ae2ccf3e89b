// Which cache windows a latent's explanation is scored on (delphi's test examples): activating windows sampled
// from 10 quantile bins of window max, apart from the windows the explainer saw, and non-activating windows —
// where the latent is zero throughout — drawn uniformly with the seeded generator.
import { sampleWithoutReplacement, type SeededRng } from "@/lib/core/seeded-rng";
import { quantileWindows, windowMaxima, type WindowMaxima, type WindowShape } from "@/lib/cache/activation-windows";
import type { LatentActivations } from "@/lib/cache/activation-cache";

export interface ScoringWindows {
  /** Global window indices with the quantile bin (0 = weakest) each was drawn from. */
  activating: { window: number; quantile: number }[];
  nonActivating: number[];
}

export interface ScoringWindowOptions {
  activating: number;
  nonActivating: number;
  /** All windows of the cache: numContexts · ⌊contextLength / windowLength⌋. */
  totalWindows: number;
  /** Windows held out of the activating sample (the explainer's examples). */
  exclude?: ReadonlySet<number>;
  quantileBins?: number;
}

/** Counts per bin that add up to `total`, as even as possible. */
function perBinCounts(total: number, bins: number): number[] {
  return Array.from({ length: bins }, (_, b) => Math.floor(((b + 1) * total) / bins) - Math.floor((b * total) / bins));
}

function sampleActivating(all: WindowMaxima, options: ScoringWindowOptions, rng: SeededRng): ScoringWindows["activating"] {
  const keep = Array.from(all.windows.keys()).filter((i) => !options.exclude?.has(all.windows[i]));
  const eligible = { windows: Uint32Array.from(keep, (i) => all.windows[i]), maxima: Float32Array.from(keep, (i) => all.maxima[i]) };
  const bins = options.quantileBins ?? 10;
  const counts = perBinCounts(options.activating, bins);
  const sampled = quantileWindows(eligible, bins, Math.max(...counts), rng);
  return sampled.flatMap((windows, quantile) => Array.from(windows.subarray(0, counts[quantile]), (window) => ({ window, quantile })));
}

function sampleNonActivating(active: ReadonlySet<number>, options: ScoringWindowOptions, rng: SeededRng): number[] {
  const { totalWindows, nonActivating: wanted } = options;
  const silent = totalWindows - active.size;
  if (silent <= 2 * wanted) {
    // Few silent windows (a dense latent): list them and draw without replacement.
    const all: number[] = [];
    for (let w = 0; w < totalWindows; w++) if (!active.has(w)) all.push(w);
    return Array.from(sampleWithoutReplacement(rng, all.length, Math.min(wanted, all.length)), (i) => all[i]).sort((a, b) => a - b);
  }
  // Most windows are silent: rejection sampling needs on average under two draws per window.
  const picked = new Set<number>();
  while (picked.size < wanted) {
    const w = rng.integerBelow(totalWindows);
    if (!active.has(w)) picked.add(w);
  }
  return [...picked].sort((a, b) => a - b);
}

export function scoringWindows(acts: LatentActivations, shape: WindowShape, options: ScoringWindowOptions, rng: SeededRng): ScoringWindows {
  const maxima = windowMaxima(acts, shape);
  return { activating: sampleActivating(maxima, options, rng), nonActivating: sampleNonActivating(new Set(maxima.windows), options, rng) };
}
