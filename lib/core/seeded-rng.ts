// A small, fast, seeded PRNG so that bootstrap CIs and "sample k latents at random" (§2.2, Fig. 3) are
// reproducible from a seed: xoshiro128** (Blackman & Vigna) with its state filled by SplitMix64, the
// seeding the xoshiro authors recommend.
import { checkInteger } from "./numeric-input";

export interface SeededRng {
  /** Next raw 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n), unbiased (rejection sampling); 1 ≤ n ≤ 2^32. */
  integerBelow(n: number): number;
}

const MASK64 = (1n << 64n) - 1n;
const TWO_32 = 4294967296;

function rotl32(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Creates a xoshiro128** generator from any safe integer seed (negative seeds are read as two's complement). */
export function createSeededRng(seed: number): SeededRng {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
  let splitmix = BigInt.asUintN(64, BigInt(seed));
  const nextSplitMix64 = (): bigint => {
    splitmix = (splitmix + 0x9e3779b97f4a7c15n) & MASK64;
    let z = splitmix;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
  // SplitMix64 is a bijection of its counter, so two consecutive outputs are never both 0: the state is never all-zero.
  const a = nextSplitMix64();
  const b = nextSplitMix64();
  let s0 = Number(a & 0xffffffffn) | 0;
  let s1 = Number(a >> 32n) | 0;
  let s2 = Number(b & 0xffffffffn) | 0;
  let s3 = Number(b >> 32n) | 0;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl32(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl32(s3, 11);
    return result;
  };

  return {
    nextUint32,
    uniform: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    integerBelow: (n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new Error(`integerBelow(n) needs an integer n in [1, 2^32], got ${n}`);
      // Reject the top partial block of 2^32 so every residue mod n is equally likely.
      const limit = TWO_32 - (TWO_32 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
  };
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(rng: SeededRng, items: T): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.integerBelow(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * k distinct indices drawn uniformly from [0, populationSize), in random order (partial Fisher–Yates on a
 * virtual array, O(k) time and memory, so sampling 100 of 32768 latents does not allocate 32768 slots).
 */
export function sampleWithoutReplacement(rng: SeededRng, populationSize: number, k: number): Uint32Array {
  checkInteger("populationSize", populationSize, 0);
  checkInteger("k", k, 0);
  if (k > populationSize) throw new Error(`cannot sample k = ${k} distinct indices from a population of ${populationSize}`);
  const displaced = new Map<number, number>();
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    const j = i + rng.integerBelow(populationSize - i);
    const atI = displaced.get(i) ?? i;
    out[i] = displaced.get(j) ?? j;
    displaced.set(j, atI);
  }
  return out;
}
