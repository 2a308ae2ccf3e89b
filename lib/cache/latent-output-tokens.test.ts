import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { directLogitTokens } from "@/lib/core/direct-logit-tokens";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { computeOutputTokenTable, latentsPromoting, outputTokensOf, readLatentOutputTokens, readOutputTokenTable, writeOutputTokenTable } from "./latent-output-tokens";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function randomMatrix(seed: number, length: number): Float32Array {
  const rng = createSeededRng(seed);
  return Float32Array.from({ length }, () => rng.uniform() * 2 - 1);
}

describe("computeOutputTokenTable", () => {
  it("agrees with the plain-JS direct logits of each row (onnxruntime GEMM + TopK)", async () => {
    const [numLatents, d, vocab, count] = [7, 5, 40, 4];
    const wDec = randomMatrix(1, numLatents * d);
    const unembedding = { lnWeight: randomMatrix(2, d), embedOut: randomMatrix(3, vocab * d) };
    const table = await computeOutputTokenTable(wDec, numLatents, unembedding, count);
    expect(table.count).toBe(count);
    for (let l = 0; l < numLatents; l++) {
      const expected = directLogitTokens(wDec.subarray(l * d, (l + 1) * d), unembedding.lnWeight, unembedding.embedOut, count);
      const got = outputTokensOf(table, l);
      expect(got.promoted.map((t) => t.token)).toEqual(expected.promoted.map((t) => t.token));
      expect(got.suppressed.map((t) => t.token)).toEqual(expected.suppressed.map((t) => t.token));
      got.promoted.forEach((t, j) => expect(t.logit).toBeCloseTo(expected.promoted[j].logit, 5));
      got.suppressed.forEach((t, j) => expect(t.logit).toBeCloseTo(expected.suppressed[j].logit, 5));
    }
  });

  it("rejects a decoder that does not fit the unembedding", async () => {
    await expect(computeOutputTokenTable(new Float32Array(6), 2, { lnWeight: new Float32Array(2), embedOut: new Float32Array(4) })).rejects.toThrow(/W_dec has 6 values; expected 2 × 2/);
  });
});

describe("the output-tokens file", () => {
  // Two latents, two tokens per side, written by hand.
  const table = { count: 2, numLatents: 2, ids: Int32Array.of(5, 6, 1, 2, 9, 5, 3, 4), logits: Float32Array.of(2, 1, -1, -0.5, 3, 2.5, -2, -1) };

  it("round-trips the table and reads one latent's record alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-output-tokens-"));
    dirs.push(dir);
    expect(readLatentOutputTokens(dir, 0)).toBeUndefined();
    writeOutputTokenTable(dir, table);
    expect(readOutputTokenTable(dir)).toEqual(table);
    expect(readLatentOutputTokens(dir, 1)).toEqual({
      promoted: [
        { token: 9, logit: 3 },
        { token: 5, logit: 2.5 },
      ],
      suppressed: [
        { token: 3, logit: -2 },
        { token: 4, logit: -1 },
      ],
    });
    expect(() => readLatentOutputTokens(dir, 2)).toThrow(/latent 2 is outside .* 2 latents/);
  });

  it("finds the latents that promote a token within the first `depth` places", () => {
    expect(latentsPromoting(table, (t) => t === 5)).toEqual([0, 1]);
    expect(latentsPromoting(table, (t) => t === 5, 1)).toEqual([0]);
    // Suppressed tokens never count.
    expect(latentsPromoting(table, (t) => t === 1)).toEqual([]);
  });
});
