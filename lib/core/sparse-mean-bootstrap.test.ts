import { describe, expect, it } from "vitest";
import { bootstrapCi, mean } from "./bootstrap-ci";
import { createSeededRng } from "./seeded-rng";
import { sparseColumnMeanCis, sparseColumnsOf } from "./sparse-mean-bootstrap";

// Column 0: rows {1: 3, 3: −1} of 4 → dense [0, 3, 0, −1], mean 0.5; column 1: empty → 0; column 2: [2, 2, 2, 2].
const columns = () => sparseColumnsOf(3, 4, Int32Array.of(0, 2, 2, 0, 2, 2), Int32Array.of(1, 0, 1, 3, 2, 3), Float64Array.of(3, 2, 2, -1, 2, 2));

describe("sparseColumnMeanCis", () => {
  it("gives each column's mean over all rows, absent rows counting 0", () => {
    const cis = sparseColumnMeanCis(columns(), createSeededRng(1), { resamples: 50 });
    expect(cis.map((c) => c.estimate)).toEqual([0.5, 0, 2]);
    // An empty column and a constant one have degenerate intervals.
    expect([cis[1].lower, cis[1].upper]).toEqual([0, 0]);
    expect([cis[2].lower, cis[2].upper]).toEqual([2, 2]);
    // Every resample mean of column 0 is (3a − b)/4 with a, b ≤ 4 draws: within [−1, 3].
    expect(cis[0].lower).toBeGreaterThanOrEqual(-1);
    expect(cis[0].upper).toBeLessThanOrEqual(3);
  });

  it("draws the same resamples as bootstrapCi, so one column gets bootstrapCi's interval on its dense values", () => {
    const one = sparseColumnsOf(1, 4, Int32Array.of(0, 0), Int32Array.of(1, 3), Float64Array.of(3, -1));
    const [sparse] = sparseColumnMeanCis(one, createSeededRng(7), { resamples: 200, level: 0.9 });
    const dense = bootstrapCi([0, 3, 0, -1], mean, createSeededRng(7), { resamples: 200, level: 0.9 });
    expect(sparse.estimate).toBeCloseTo(dense.estimate, 12);
    expect(sparse.lower).toBeCloseTo(dense.lower, 12);
    expect(sparse.upper).toBeCloseTo(dense.upper, 12);
  });

  it("groups triples by column in any order and names bad indices", () => {
    const c = columns();
    expect(Array.from(c.offsets)).toEqual([0, 2, 2, 6]);
    expect(Array.from(c.rows.subarray(0, 2))).toEqual([1, 3]);
    expect(() => sparseColumnsOf(2, 4, Int32Array.of(2), Int32Array.of(0), Float64Array.of(1))).toThrow(/column\[0\] = 2 lies outside \[0, 2\)/);
    expect(() => sparseColumnMeanCis(sparseColumnsOf(1, 2, Int32Array.of(0), Int32Array.of(5), Float64Array.of(1)), createSeededRng(1))).toThrow(/rows\[0\] = 5/);
  });
});
