// One config seed feeds many independent streams (each random draw, each bootstrap): a stream's seed is a hash
// of (seed, label), so adding a fraction or a draw leaves every other stream's numbers unchanged.

/** FNV-1a (32-bit) of `${seed}/${label}`, a safe integer for createSeededRng. */
export function derivedSeed(seed: number, label: string): number {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
  const text = `${seed}/${label}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
