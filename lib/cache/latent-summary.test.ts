import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findActivationCache, recordActivationCache } from "@/db/activation-caches";
import { openDatabase } from "@/db/client";
import { findLatentDetail } from "@/db/latents";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { zeroInflatedQuantile, zeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import { openActivationCache } from "./activation-cache";
import { buildActivationCache } from "./build-activation-cache";
import { contextSourceFromArray } from "./context-source";
import type { EncodeBatch } from "./encode-batch";
import { summarizeLatent } from "./latent-summary";
import { summarizeActivationCache } from "./summarize-activation-cache";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-summary-"));
  dirs.push(dir);
  return dir;
}

// A tiny cache: 3 latents, k = 2, 2 contexts of 4 tokens whose ids are their global index 0…7.
// TopK per token (latent, value); 1e-6 and 0 fall under the 1e-5 threshold and count as zeros.
const TABLE: [number, number][][] = [
  [[0, 1.0], [1, 0.5]], // t0
  [[0, 3.0], [2, 0.000001]], // t1
  [[1, 2.0], [2, 0]], // t2
  [[0, 2.0], [1, 1.0]], // t3
  [[2, 4.0], [0, 0.5]], // t4
  [[1, 0.5], [0, 0]], // t5
  [[0, 1.5], [2, 1.0]], // t6
  [[2, 2.0], [1, 1.5]], // t7
];
const tableEncoder: EncodeBatch = async (ids, batch, length) => {
  const n = batch * length;
  const indices = new Int32Array(n * 2);
  const values = new Float32Array(n * 2);
  for (let t = 0; t < n; t++) {
    TABLE[ids[t]].forEach(([latent, value], j) => {
      indices[t * 2 + j] = latent;
      values[t * 2 + j] = value;
    });
  }
  return { k: 2, indices, values };
};

async function tinyCache() {
  const dir = tempDir();
  await buildActivationCache({
    dir,
    packIdentity: "tiny",
    hookpoint: "layers.0.mlp",
    numLatents: 3,
    vocabSize: 8,
    contexts: contextSourceFromArray(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 4),
    encode: tableEncoder,
    contextsPerChunk: 1,
  });
  return { dir, cache: openActivationCache(dir) };
}

// Windows of 2 tokens: window w covers tokens 2w, 2w+1 (2 windows per context).
const OPTIONS = { numTokens: 8, contextLength: 4, windowLength: 2, histogramBins: 5, topExamples: 3, quantileBins: 2, examplesPerBin: 2 };

describe("per-latent statistics on a tiny cache, against hand arithmetic", () => {
  it("latent 0: frequency, max, mean of non-zeros, histogram, percentiles and example windows", async () => {
    const { cache } = await tinyCache();
    const acts = cache.latentActivations(0);
    // Non-zeros of latent 0: t0 1.0, t1 3.0, t3 2.0, t4 0.5, t6 1.5 (t5's 0 is dropped).
    expect(Array.from(acts.positions)).toEqual([0, 1, 3, 4, 6]);
    const s = summarizeLatent(acts, OPTIONS, createSeededRng(0));
    expect(s.nonZeroCount).toBe(5);
    expect(s.frequency).toBe(5 / 8); // 0.625
    expect(s.maxActivation).toBe(3);
    expect(s.meanNonZero).toBeCloseTo((1 + 3 + 2 + 0.5 + 1.5) / 5, 12); // 8 / 5 = 1.6
    // 5 equal bins over [0.5, 3], width 0.5: 0.5 | 1.0 | 1.5 | 2.0 | 3.0 (the last bin is closed).
    expect(Array.from(s.histogramEdges)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(Array.from(s.histogramCounts)).toEqual([1, 1, 1, 1, 1]);
    // Sorted non-zeros [0.5, 1, 1.5, 2, 3]; type 7 puts Q(p) at 1-based rank 1 + 4p.
    expect(s.percentiles).toHaveLength(101);
    expect(s.percentiles[0]).toBe(0.5);
    expect(s.percentiles[10]).toBeCloseTo(0.7, 6); // rank 1.4: 0.5 + 0.4 · (1 − 0.5)
    expect(s.percentiles[50]).toBe(1.5); // rank 3
    expect(s.percentiles[90]).toBeCloseTo(2.6, 6); // rank 4.6: 2 + 0.6 · (3 − 2)
    expect(s.percentiles[100]).toBe(3);
    // Window maxima: w0 = max(1, 3) = 3, w1 = 2 (t3), w2 = 0.5 (t4), w3 = 1.5 (t6).
    expect(Array.from(s.topWindows)).toEqual([0, 1, 3]);
    // Ascending by max: w2, w3 | w1, w0; 2 bins of 2, both sampled whole, weakest first.
    expect(s.quantileWindows.map((w) => Array.from(w))).toEqual([[2, 3], [1, 0]]);
  });

  it("latent 2: the near-zero 1e-6 is not stored, and the exact distribution with zeros gives its quantiles", async () => {
    const { cache } = await tinyCache();
    const acts = cache.latentActivations(2);
    expect(Array.from(acts.positions)).toEqual([4, 6, 7]);
    expect(Array.from(acts.values)).toEqual([4, 1, 2]);
    const s = summarizeLatent(acts, OPTIONS, createSeededRng(0));
    expect(s.frequency).toBe(3 / 8);
    expect(s.meanNonZero).toBeCloseTo(7 / 3, 12);
    // All 8 tokens: [0, 0, 0, 0, 0, 1, 2, 4]. Type 7 median at rank 4.5 → 0; Q(0.75) at rank 6.25 → 1 + 0.25 · 1.
    const sample = zeroInflatedSample(cache.numTokens, acts.values);
    expect(zeroInflatedQuantile(sample, 0.5)).toBe(0);
    expect(zeroInflatedQuantile(sample, 0.75)).toBeCloseTo(1.25, 12);
  });

  it("writes summaries and decoder neighbours to SQLite and resumes from the last committed range", async () => {
    const { dir, cache } = await tinyCache();
    const db = openDatabase(join(tempDir(), "db.sqlite"));
    const row = recordActivationCache(
      db,
      { packIdentity: "tiny", hookpoint: "layers.0.mlp", coderKind: "transcoder", dir, numLatents: 3, contextLength: 4, numContexts: 2, nonZeros: 13 },
      new Date(0),
    );
    // W_dec rows [1, 0], [1, 1], [0, 2]: cos(0,1) = 1/√2, cos(0,2) = 0, cos(1,2) = 2/(√2·2) = 1/√2.
    const decoderWeights = { values: Float32Array.from([1, 0, 1, 1, 0, 2]), dIn: 2 };
    const controller = new AbortController();
    const run = summarizeActivationCache(db, {
      cacheId: row.id,
      cache,
      decoderWeights,
      latentsPerTransaction: 2,
      summary: { windowLength: 2, topExamples: 3, quantileBins: 2, examplesPerBin: 2, histogramBins: 5 },
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(findActivationCache(db, "tiny", "layers.0.mlp")?.summarizedLatents).toBe(2);
    expect(findLatentDetail(db, row.id, 2)).toBeUndefined();
    const seen: number[] = [];
    await summarizeActivationCache(db, {
      cacheId: row.id,
      cache,
      decoderWeights,
      summary: { windowLength: 2, topExamples: 3, quantileBins: 2, examplesPerBin: 2, histogramBins: 5 },
      onProgress: (done) => seen.push(done),
    });
    expect(seen).toEqual([2, 3]);
    const latent1 = findLatentDetail(db, row.id, 1);
    // Latent 1: t0 0.5, t2 2.0, t3 1.0, t5 0.5, t7 1.5 → n 5, max 2, mean 5.5 / 5 = 1.1.
    expect(latent1?.nonZeroCount).toBe(5);
    expect(latent1?.maxActivation).toBe(2);
    expect(latent1?.meanNonZero).toBeCloseTo(1.1, 12);
    // Windows: w0 = 0.5, w1 = max(2, 1) = 2, w2 = 0.5 (t5), w3 = 1.5 (t7) → top w1, w3, w0 (w0 before w2 on the tie).
    expect(Array.from(latent1?.topWindows ?? [])).toEqual([1, 3, 0]);
    // Neighbours of latent 1: latent 0 and latent 2 both at 1/√2; the tie goes to the lower index.
    expect(latent1?.neighbours.map((n) => n.neighbour)).toEqual([0, 2]);
    expect(latent1?.neighbours[0].cosine).toBeCloseTo(Math.SQRT1_2, 6);
    const latent0 = findLatentDetail(db, row.id, 0);
    expect(latent0?.neighbours.map((n) => [n.neighbour, Number(n.cosine.toFixed(6))])).toEqual([[1, Number(Math.SQRT1_2.toFixed(6))], [2, 0]]);
    expect(findActivationCache(db, "tiny", "layers.0.mlp")?.summarizedAt).not.toBeNull();
    db.$client.close();
  });
});
