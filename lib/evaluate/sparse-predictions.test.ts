import { describe, expect, it } from "vitest";
import { densePredictionRows, predictionRowWindow, SparsePredictionsBuilder } from "./sparse-predictions";

// 3 contexts × 4 latents, built one latent (column) at a time as the simulator answers; latent 2 has no explanation.
function threeByFour() {
  const builder = new SparsePredictionsBuilder(3, 4);
  builder.addColumn(3, [0, 7, Number.NaN]); // a failed prediction stays NaN
  builder.addColumn(0, [2, 0, 0]);
  builder.addColumn(1, [0, 0, 4.5]);
  return builder.finish();
}

describe("SparsePredictionsBuilder", () => {
  it("stores only the non-zero predictions, by row in latent order", () => {
    const m = threeByFour();
    expect(Array.from(m.rowStarts)).toEqual([0, 1, 2, 4]);
    expect(Array.from(m.latents)).toEqual([0, 3, 1, 3]);
    expect(Array.from(m.values)).toEqual([2, 7, 4.5, Number.NaN]);
    expect(Array.from(m.simulated)).toEqual([1, 1, 0, 1]);
  });

  it("reads rows back dense: 0 for a simulated latent's absent entries, NaN for an unexplained latent", () => {
    const m = threeByFour();
    const NaN = Number.NaN;
    expect(Array.from(m.rows(0, 3))).toEqual([2, 0, NaN, 0, 0, 0, NaN, 7, 0, 4.5, NaN, NaN]);
    expect(Array.from(m.rows(1, 2))).toEqual([0, 0, NaN, 7]);
    expect(() => m.rows(2, 4)).toThrow(/rows \[2, 4\) lie outside the 3 contexts/);
  });

  it("names a column of the wrong length and a latent added twice", () => {
    const builder = new SparsePredictionsBuilder(3, 4);
    expect(() => builder.addColumn(0, [1, 2])).toThrow(/latent 0: 2 predictions for 3 contexts/);
    builder.addColumn(1, [0, 0, 0]);
    expect(() => builder.addColumn(1, [0, 0, 0])).toThrow(/latent 1 was already added/);
  });
});

describe("prediction row views", () => {
  it("a window of rows reads as rows of its own (the prompts after the calibration contexts)", () => {
    const window = predictionRowWindow(threeByFour(), 1, 2);
    expect(window.rowCount).toBe(2);
    expect(Array.from(window.rows(1, 2))).toEqual([0, 4.5, Number.NaN, Number.NaN]);
    expect(() => predictionRowWindow(threeByFour(), 2, 2)).toThrow(/rows \[2, 4\) lie outside the 3 contexts/);
  });

  it("a dense matrix reads in place", () => {
    const dense = densePredictionRows(Float64Array.of(1, 2, 3, 4, 5, 6), 3);
    expect(dense.rowCount).toBe(2);
    expect(Array.from(dense.rows(1, 2))).toEqual([4, 5, 6]);
    expect(() => densePredictionRows(Float64Array.of(1, 2), 3)).toThrow(/do not form rows of 3 latents/);
  });
});
