// The latent density histogram: how many latents fire at each order of magnitude of frequency (log10 bins), with
// dead latents (never firing, log undefined) counted apart rather than dropped silently.

export interface LogFrequencyHistogram {
  /** log10 of the bin edges (bins + 1), evenly spaced, whole decades at both ends. */
  readonly log10Edges: number[];
  /** Latents per bin: left-closed [a, b), the last bin closed on both sides. */
  readonly counts: number[];
  readonly liveCount: number;
  /** Latents with frequency 0. */
  readonly deadCount: number;
}

/** `frequencies` are fractions of tokens in [0, 1]; `binsPerDecade` bins per power of ten. */
export function logFrequencyHistogram(frequencies: ArrayLike<number>, binsPerDecade = 4): LogFrequencyHistogram {
  if (!Number.isInteger(binsPerDecade) || binsPerDecade < 1) throw new Error(`binsPerDecade must be a positive integer, got ${binsPerDecade}`);
  let min = Infinity;
  let max = -Infinity;
  let deadCount = 0;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i];
    if (!(f >= 0 && f <= 1)) throw new Error(`frequency ${i} is ${f}; frequencies are fractions of tokens in [0, 1]`);
    if (f === 0) {
      deadCount++;
      continue;
    }
    min = Math.min(min, f);
    max = Math.max(max, f);
  }
  const liveCount = frequencies.length - deadCount;
  if (liveCount === 0) return { log10Edges: [], counts: [], liveCount, deadCount };
  const low = Math.floor(Math.log10(min));
  const high = Math.max(low + 1, Math.ceil(Math.log10(max)));
  const binCount = (high - low) * binsPerDecade;
  const log10Edges = Array.from({ length: binCount + 1 }, (_, i) => low + i / binsPerDecade);
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i];
    if (f === 0) continue;
    // Bin by the decade position; the top edge itself belongs to the last bin.
    const bin = Math.floor((Math.log10(f) - low) * binsPerDecade + 1e-9);
    counts[Math.min(binCount - 1, Math.max(0, bin))]++;
  }
  return { log10Edges, counts, liveCount, deadCount };
}
