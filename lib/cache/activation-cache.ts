// Reading a finished cache. The CSR keeps every non-zero activation of every latent plus the token count, so a
// latent's true distribution (zeros included, as a zero mass of numTokens − nonZeroCount) is known exactly:
// quantile queries for the normalizer (§2.1) are exact on the cached tokens, with no sketch or subsampling error.
import { join } from "node:path";
import { readExactly, withOpenFile } from "./binary-file-io";
import { CACHE_FILES } from "./cache-layout";
import { readCacheManifest, type CacheManifest } from "./cache-manifest";

export interface LatentActivations {
  /** Global token indices (context · contextLength + position), ascending. */
  positions: Uint32Array;
  values: Float32Array;
}

export interface ActivationCache {
  dir: string;
  manifest: CacheManifest;
  numTokens: number;
  offsets: Uint32Array;
  /** Every non-zero activation of one latent. */
  latentActivations(latent: number): LatentActivations;
  /** Token ids [startToken, startToken + count) of the flattened [numContexts · contextLength] tokens. */
  readTokens(startToken: number, count: number): Int32Array;
}

export function openActivationCache(dir: string): ActivationCache {
  const manifest = readCacheManifest(dir);
  if (!manifest?.complete) throw new Error(`no finished activation cache in ${dir}; run \`rewrite cache\` to build it`);
  const numTokens = manifest.numContexts * manifest.contextLength;
  const offsets = new Uint32Array(manifest.numLatents + 1);
  withOpenFile(join(dir, CACHE_FILES.offsets), (fd) => readExactly(fd, offsets, 0));
  return {
    dir,
    manifest,
    numTokens,
    offsets,
    latentActivations(latent) {
      if (!(Number.isInteger(latent) && latent >= 0 && latent < manifest.numLatents)) {
        throw new Error(`latent ${latent} is outside 0–${manifest.numLatents - 1}`);
      }
      const first = offsets[latent];
      const positions = new Uint32Array(offsets[latent + 1] - first);
      const values = new Float32Array(positions.length);
      withOpenFile(join(dir, CACHE_FILES.positions), (fd) => readExactly(fd, positions, 4 * first));
      withOpenFile(join(dir, CACHE_FILES.values), (fd) => readExactly(fd, values, 4 * first));
      return { positions, values };
    },
    readTokens(startToken, count) {
      if (startToken < 0 || count < 0 || startToken + count > numTokens) {
        throw new Error(`tokens [${startToken}, ${startToken + count}) are outside the cache's ${numTokens}`);
      }
      const wide = manifest.tokenDtype === "int32";
      const raw = wide ? new Int32Array(count) : new Uint16Array(count);
      withOpenFile(join(dir, CACHE_FILES.tokens), (fd) => readExactly(fd, raw, (wide ? 4 : 2) * startToken));
      return wide ? (raw as Int32Array) : Int32Array.from(raw);
    },
  };
}

export interface ActivationTriple {
  sequence: number;
  position: number;
  latent: number;
  activation: number;
}

/** Every stored activation as delphi's (sequence, position, latent) location plus value, latent by latent. */
export function* activationTriples(cache: ActivationCache): Generator<ActivationTriple> {
  const ctx = cache.manifest.contextLength;
  for (let latent = 0; latent < cache.manifest.numLatents; latent++) {
    const { positions, values } = cache.latentActivations(latent);
    for (let i = 0; i < positions.length; i++) {
      yield { sequence: Math.floor(positions[i] / ctx), position: positions[i] % ctx, latent, activation: values[i] };
    }
  }
}
