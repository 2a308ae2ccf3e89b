// delphi's example windows: each context is cut into non-overlapping windows of 32 tokens; a window's strength
// for a latent is its max activation. Top examples are the strongest windows; training examples are sampled
// from 10 equal-count quantile bins of window max, so an explanation sees weak activations too.
import { sampleWithoutReplacement, type SeededRng } from "@/lib/core/seeded-rng";
import type { LatentActivations } from "./activation-cache";

export interface WindowShape {
  contextLength: number;
  windowLength: number;
}

/** Windows per context; a trailing partial window is dropped, as delphi requires whole windows. */
function windowsPerContext({ contextLength, windowLength }: WindowShape): number {
  const count = Math.floor(contextLength / windowLength);
  if (count < 1) throw new Error(`context length ${contextLength} is shorter than the example window of ${windowLength} tokens`);
  return count;
}

/** The first global token index of a global window index. */
export function windowStartToken(window: number, shape: WindowShape): number {
  const perContext = windowsPerContext(shape);
  return Math.floor(window / perContext) * shape.contextLength + (window % perContext) * shape.windowLength;
}

export interface WindowMaxima {
  /** Global window indices with a non-zero activation, ascending. */
  windows: Uint32Array;
  maxima: Float32Array;
}

/** Max activation per window, from one latent's ascending positions (one pass). */
export function windowMaxima(activations: LatentActivations, shape: WindowShape): WindowMaxima {
  const perContext = windowsPerContext(shape);
  const windows: number[] = [];
  const maxima: number[] = [];
  const { positions, values } = activations;
  for (let i = 0; i < positions.length; i++) {
    const context = Math.floor(positions[i] / shape.contextLength);
    const slot = Math.floor((positions[i] % shape.contextLength) / shape.windowLength);
    if (slot >= perContext) continue;
    const window = context * perContext + slot;
    if (windows.length > 0 && windows[windows.length - 1] === window) {
      maxima[maxima.length - 1] = Math.max(maxima[maxima.length - 1], values[i]);
    } else {
      windows.push(window);
      maxima.push(values[i]);
    }
  }
  return { windows: Uint32Array.from(windows), maxima: Float32Array.from(maxima) };
}

/** Indices into `maxima`, strongest first; equal maxima keep window order. */
function rankByMaxDescending(maxima: Float32Array): number[] {
  return Array.from(maxima.keys()).sort((a, b) => maxima[b] - maxima[a] || a - b);
}

export function topWindows(w: WindowMaxima, count: number): Uint32Array {
  return Uint32Array.from(rankByMaxDescending(w.maxima).slice(0, count), (i) => w.windows[i]);
}

/**
 * `examplesPerBin` windows sampled without replacement from each of `bins` equal-count bins of window max
 * (bin 0 weakest; bin b holds ranks [⌊b·m/bins⌋, ⌊(b+1)·m/bins⌋) of the m windows in ascending order).
 * Each bin's sample is listed weakest first.
 */
export function quantileWindows(w: WindowMaxima, bins: number, examplesPerBin: number, rng: SeededRng): Uint32Array[] {
  const ascending = rankByMaxDescending(w.maxima).reverse();
  const m = ascending.length;
  return Array.from({ length: bins }, (_, b) => {
    const lo = Math.floor((b * m) / bins);
    const hi = Math.floor(((b + 1) * m) / bins);
    const picked = Array.from(sampleWithoutReplacement(rng, hi - lo, Math.min(examplesPerBin, hi - lo))).sort((x, y) => x - y);
    return Uint32Array.from(picked, (r) => w.windows[ascending[lo + r]]);
  });
}
