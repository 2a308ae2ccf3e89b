import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { decoderNeighbours } from "./decoder-neighbours";

function rows(neighbours: { latents: Int32Array; cosines: Float32Array; count: number }, latent: number) {
  const range = [latent * neighbours.count, (latent + 1) * neighbours.count] as const;
  return { latents: Array.from(neighbours.latents.subarray(...range)), cosines: Array.from(neighbours.cosines.subarray(...range)) };
}

// Float64 cosine of two W_dec rows (0 when either is zero).
function exactCosine(wDec: Float32Array, dIn: number): (a: number, b: number) => number {
  const norms = Float64Array.from({ length: wDec.length / dIn }, (_, l) => Math.hypot(...wDec.subarray(l * dIn, (l + 1) * dIn)));
  return (a, b) => {
    if (norms[a] === 0 || norms[b] === 0) return 0;
    let dot = 0;
    for (let c = 0; c < dIn; c++) dot += wDec[a * dIn + c] * wDec[b * dIn + c];
    return dot / (norms[a] * norms[b]);
  };
}

// Each row's best `count` by repeated argmax over its exact cosines (the first index wins a tie).
function exactNeighbours(cosine: (a: number, b: number) => number, numLatents: number, count: number): { latents: number[]; cosines: number[] }[] {
  return Array.from({ length: numLatents }, (_, i) => {
    const all = Float64Array.from({ length: numLatents }, (_, j) => (j === i ? -Infinity : cosine(i, j)));
    const out = { latents: [] as number[], cosines: [] as number[] };
    for (let r = 0; r < Math.min(count, numLatents - 1); r++) {
      let best = 0;
      for (let j = 1; j < numLatents; j++) if (all[j] > all[best]) best = j;
      out.latents.push(best);
      out.cosines.push(all[best]);
      all[best] = -Infinity;
    }
    return out;
  });
}

describe("decoderNeighbours", () => {
  it("ranks by cosine, nearest first, the lower index first on a tie", async () => {
    // Rows [1, 0], [1, 1], [0, 2]: cos(0,1) = 1/√2, cos(0,2) = 0, cos(1,2) = 2/(√2·2) = 1/√2.
    const n = await decoderNeighbours(Float32Array.from([1, 0, 1, 1, 0, 2]), 3, 2, 2);
    expect(rows(n, 0).latents).toEqual([1, 2]);
    expect(rows(n, 1).latents).toEqual([0, 2]);
    expect(rows(n, 2).latents).toEqual([1, 0]);
    expect(rows(n, 0).cosines[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(rows(n, 0).cosines[1]).toBe(0);
    expect(rows(n, 1).cosines[0]).toBe(rows(n, 1).cosines[1]);
  });

  it("breaks ties between parallel rows by index", async () => {
    // Rows [2, 0], [1, 0], [3, 0] all point the same way: every cosine is 1.
    const n = await decoderNeighbours(Float32Array.from([2, 0, 1, 0, 3, 0]), 3, 2, 2);
    expect([0, 1, 2].map((l) => rows(n, l))).toEqual([
      { latents: [1, 2], cosines: [1, 1] },
      { latents: [0, 2], cosines: [1, 1] },
      { latents: [0, 1], cosines: [1, 1] },
    ]);
  });

  it("gives a zero row cosine 0 with everything and pads with -1 when there are fewer than count others", async () => {
    // Rows [1, 0], [0, 0], [-1, 0]: cos(0,1) = cos(1,2) = 0, cos(0,2) = -1.
    const n = await decoderNeighbours(Float32Array.from([1, 0, 0, 0, -1, 0]), 3, 2, 3);
    expect([0, 1, 2].map((l) => rows(n, l))).toEqual([
      { latents: [1, 2, -1], cosines: [0, -1, -Infinity] },
      { latents: [0, 2, -1], cosines: [0, 0, -Infinity] },
      { latents: [1, 0, -1], cosines: [0, -1, -Infinity] },
    ]);
  });

  it("returns no neighbours for count 0 or a single latent", async () => {
    expect((await decoderNeighbours(Float32Array.from([1, 2]), 1, 2, 0)).latents).toHaveLength(0);
    expect(Array.from((await decoderNeighbours(Float32Array.from([1, 2]), 1, 2, 2)).latents)).toEqual([-1, -1]);
  });

  it("rejects a W_dec of the wrong size", async () => {
    await expect(decoderNeighbours(new Float32Array(5), 3, 2, 2)).rejects.toThrow(/W_dec has 5 values; expected 3 × 2/);
  });

  it("matches float64 all-pairs cosines within 1e-5 over several row blocks", async () => {
    // 4,500 latents span two blocks of scores; d = 8 makes close cosines (near-ties) common.
    const numLatents = 4_500;
    const dIn = 8;
    const count = 3;
    const rng = createSeededRng(7);
    const wDec = Float32Array.from({ length: numLatents * dIn }, () => rng.uniform() - 0.5);
    wDec.fill(0, 10 * dIn, 11 * dIn); // one dead latent
    const n = await decoderNeighbours(wDec, numLatents, dIn, count);
    const cosine = exactCosine(wDec, dIn);
    const exact = exactNeighbours(cosine, numLatents, count);
    let sameOrder = 0;
    for (let l = 0; l < numLatents; l++) {
      const got = rows(n, l);
      const want = exact[l];
      // Ranked cosines agree; each chosen latent's exact cosine is the one reported; no latent twice, never itself.
      got.cosines.forEach((c, r) => expect(Math.abs(c - want.cosines[r])).toBeLessThan(1e-5));
      got.latents.forEach((j, r) => expect(Math.abs(got.cosines[r] - cosine(l, j))).toBeLessThan(1e-5));
      expect(new Set(got.latents).size).toBe(count);
      expect(got.latents).not.toContain(l);
      if (got.latents.every((j, r) => j === want.latents[r])) sameOrder++;
    }
    // Only float32 near-ties may reorder; the dead latent's list is all ties at 0 → latents 0, 1, 2.
    expect(sameOrder).toBeGreaterThan(numLatents * 0.99);
    expect(rows(n, 10).latents).toEqual([0, 1, 2]);
  });
});
