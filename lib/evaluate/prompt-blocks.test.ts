import { describe, expect, it } from "vitest";
import { addToMeanRow, blockRanges, meanPatchRow, perPromptOverBlocks, singleBlock } from "./prompt-blocks";
import { fakeCoderAdapter } from "./testing/fake-coder-adapter";

describe("blockRanges", () => {
  it("covers the prompts in order with blocks of at most blockSize", () => {
    expect(blockRanges(5, 2)).toEqual([[0, 2], [2, 2], [4, 1]]);
    expect(blockRanges(4, 4)).toEqual([[0, 4]]);
    expect(() => blockRanges(4, 0)).toThrow(/blockSize must be an integer ≥ 1, got 0/);
  });
});

describe("meanPatchRow", () => {
  it("averages the prompts' rows; blocks added in order give the same sums", () => {
    // rows (1, 10), (2, 20), (4, 40): mean (7/3, 70/3)
    const rows = Float32Array.of(1, 10, 2, 20, 4, 40);
    expect(Array.from(meanPatchRow(rows, 3))).toEqual([Math.fround(7 / 3), Math.fround(70 / 3)]);
    const sums = new Float64Array(2);
    addToMeanRow(sums, rows.subarray(0, 2), 3);
    addToMeanRow(sums, rows.subarray(2), 3);
    expect(Array.from(Float32Array.from(sums))).toEqual(Array.from(meanPatchRow(rows, 3)));
    expect(() => meanPatchRow(Float32Array.of(1, 2, 3), 2)).toThrow(/is not \[2 prompts × d\]/);
  });
});

describe("singleBlock and perPromptOverBlocks", () => {
  const coder = fakeCoderAdapter({ k: 1, decoderRows: [[1], [2]], bDec: [0], skip: [[0], [0]], target: [[3], [5]], cleanCeNats: [1, 2] });

  it("holds every prompt in one block, with the mean patch target", async () => {
    const blocks = singleBlock(coder, Float32Array.of(1, 0, 0, 1), 2);
    expect([blocks.promptCount, blocks.blockSize, blocks.numLatents, blocks.k]).toEqual([2, 2, 2, 1]);
    expect(Array.from(blocks.meanPatchTarget!)).toEqual([4]);
    // zero ablation through the fake: clean + target² = 1 + 9, 2 + 25
    const ce = await perPromptOverBlocks(blocks, ({ coder: c, size }) => c.lastTokenCe(new Float32Array(size)));
    expect(Array.from(ce)).toEqual([10, 27]);
    expect(() => singleBlock(coder, Float32Array.of(1, 0, 0), 2)).toThrow(/trueActivations has 3 values; expected 2 prompts × 2 latents/);
  });
});
