import { describe, expect, it } from "vitest";
import { filterByMeasures, sortByMeasure } from "./measure-order";

const rows = [
  { latent: 0, r: 0.2 },
  { latent: 1, r: null },
  { latent: 2, r: 0.9 },
  { latent: 3, r: Number.NaN },
  { latent: 4, r: 0.2 },
  { latent: 5, r: -0.4 },
];
const r = (row: { r: number | null }) => row.r;

describe("sortByMeasure", () => {
  it("orders by the measure, missing values last in both directions, ties by latent", () => {
    expect(sortByMeasure(rows, r, "desc").map((x) => x.latent)).toEqual([2, 0, 4, 5, 1, 3]);
    expect(sortByMeasure(rows, r, "asc").map((x) => x.latent)).toEqual([5, 0, 4, 2, 1, 3]);
  });
});

describe("filterByMeasures", () => {
  it("keeps rows inside every bound, never a missing value, in their order", () => {
    expect(filterByMeasures(rows, [{ value: r, min: 0.2 }]).map((x) => x.latent)).toEqual([0, 2, 4]);
    expect(filterByMeasures(rows, [{ value: r, min: -1, max: 0.2 }]).map((x) => x.latent)).toEqual([0, 4, 5]);
    const latent = (row: { latent: number }) => row.latent;
    expect(filterByMeasures(rows, [{ value: r, min: 0 }, { value: latent, max: 3 }]).map((x) => x.latent)).toEqual([0, 2]);
  });

  it("keeps every row, missing values too, when no bound is set", () => {
    expect(filterByMeasures(rows, [{ value: r }])).toHaveLength(6);
  });
});
