import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { activationTriples, openActivationCache } from "./activation-cache";
import { buildActivationCache, type BuildActivationCacheOptions } from "./build-activation-cache";
import { CACHE_FILES } from "./cache-layout";
import { readCacheManifest } from "./cache-manifest";
import { contextSourceFromArray } from "./context-source";
import type { EncodeBatch } from "./encode-batch";
import { syntheticEncoder } from "@/lib/cache/testing/synthetic-encoder";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-cache-"));
  dirs.push(dir);
  return dir;
}

const NUM_LATENTS = 40;
const K = 4;
const CTX = 16;
const tokens = Int32Array.from({ length: 30 * CTX }, (_, i) => (i * 7919) % 1000);

function options(dir: string, encode: EncodeBatch, extra: Partial<BuildActivationCacheOptions> = {}): BuildActivationCacheOptions {
  return {
    dir,
    packIdentity: "pack0",
    hookpoint: "layers.2.mlp",
    numLatents: NUM_LATENTS,
    vocabSize: 1000,
    contexts: contextSourceFromArray(tokens, CTX),
    encode,
    contextsPerChunk: 8, // 30 contexts → chunks of 8, 8, 8, 6
    batchSize: 3,
    ...extra,
  };
}

/** Counts the contexts an encoder is asked for. */
function countingEncoder(): { encode: EncodeBatch; contexts: () => number } {
  const inner = syntheticEncoder(NUM_LATENTS, K);
  let contexts = 0;
  return {
    encode: (ids, batch, length) => {
      contexts += batch;
      return inner(ids, batch, length);
    },
    contexts: () => contexts,
  };
}

const FINAL_FILES = [CACHE_FILES.tokens, CACHE_FILES.offsets, CACHE_FILES.positions, CACHE_FILES.values];

describe("buildActivationCache", () => {
  it("resumes a build killed after chunk 2 and ends with files identical to an uninterrupted build", async () => {
    const straightDir = tempDir();
    await buildActivationCache(options(straightDir, syntheticEncoder(NUM_LATENTS, K)));

    const resumedDir = tempDir();
    const controller = new AbortController();
    const first = countingEncoder();
    const killed = buildActivationCache(
      options(resumedDir, first.encode, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.chunksDone === 2) controller.abort(); // the "kill": no chunk after the second starts
        },
      }),
    );
    await expect(killed).rejects.toThrow();
    expect(first.contexts()).toBe(16);
    const partial = readCacheManifest(resumedDir);
    expect(partial?.complete).toBe(false);
    expect(partial?.chunkNonZeros).toHaveLength(2);
    expect(existsSync(join(resumedDir, CACHE_FILES.offsets))).toBe(false);

    const second = countingEncoder();
    const manifest = await buildActivationCache(options(resumedDir, second.encode));
    expect(second.contexts()).toBe(30 - 16); // only chunks 3 and 4 are encoded again
    expect(manifest.complete).toBe(true);
    expect(manifest.chunkNonZeros).toHaveLength(4);
    for (const file of FINAL_FILES) {
      expect(readFileSync(join(resumedDir, file)).equals(readFileSync(join(straightDir, file))), file).toBe(true);
    }
    expect(readFileSync(join(resumedDir, CACHE_FILES.manifest), "utf8")).toBe(readFileSync(join(straightDir, CACHE_FILES.manifest), "utf8"));
    expect(readdirSync(resumedDir).sort()).toEqual([...FINAL_FILES, CACHE_FILES.manifest].sort()); // chunk files removed
  });

  it("stores every TopK entry above 1e-5, grouped by latent, and reads them back as (sequence, position, latent, value)", async () => {
    const dir = tempDir();
    const encode = syntheticEncoder(NUM_LATENTS, K);
    await buildActivationCache(options(dir, encode));
    // Brute force: encode everything in one call and list the non-zero triples.
    const all = await encode(tokens, 30, CTX);
    const expected: string[] = [];
    for (let t = 0; t < tokens.length; t++) {
      for (let j = 0; j < K; j++) {
        const v = all.values[t * K + j];
        if (Math.abs(v) > 1e-5) expected.push(`${Math.floor(t / CTX)},${t % CTX},${all.indices[t * K + j]},${v}`);
      }
    }
    const cache = openActivationCache(dir);
    const stored = [...activationTriples(cache)].map((a) => `${a.sequence},${a.position},${a.latent},${a.activation}`);
    expect(stored.sort()).toEqual(expected.sort());
    expect(expected.length).toBeLessThan(tokens.length * K); // the synthetic encoder does emit exact zeros
    expect(cache.manifest.tokenDtype).toBe("uint16");
    expect(Array.from(cache.readTokens(CTX + 3, 5))).toEqual(Array.from(tokens.subarray(CTX + 3, CTX + 8)));
    // Positions ascend within each latent.
    for (let l = 0; l < NUM_LATENTS; l++) {
      const { positions } = cache.latentActivations(l);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
    }
  });

  it("restarts instead of mixing builds when the inputs change", async () => {
    const dir = tempDir();
    await buildActivationCache(options(dir, syntheticEncoder(NUM_LATENTS, K), { source: { corpus: "a" } }));
    const again = countingEncoder();
    await buildActivationCache(options(dir, again.encode, { source: { corpus: "a" } }));
    expect(again.contexts()).toBe(0); // a finished cache is reused as is
    const changed = countingEncoder();
    await buildActivationCache(options(dir, changed.encode, { source: { corpus: "b" } }));
    expect(changed.contexts()).toBe(30);
  });

  it("rejects an encoder answer of the wrong shape with the numbers involved", async () => {
    const bad: EncodeBatch = async (ids, batch, length) => ({ k: 2, indices: new Int32Array(batch * length), values: new Float32Array(batch * length) });
    await expect(buildActivationCache(options(tempDir(), bad))).rejects.toThrow(/for 48 tokens at k = 2; expected 96/);
  });
});
