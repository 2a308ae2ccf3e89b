import { describe, expect, it } from "vitest";
import type { Figure3Table } from "./figure3-table";
import { runHeadline } from "./run-headline";

const cell = (estimate: number) => ({ estimate, lower: estimate - 0.01, upper: estimate + 0.01 });

describe("runHeadline", () => {
  it("picks the wanted fractions and columns in the wanted order, leaving out what the table lacks", () => {
    const table = {
      columns: [
        { id: "top-calibrated", label: "top, cal" },
        { id: "top-uncalibrated", label: "top, uncal" },
        { id: "zero-ablation", label: "zero" },
      ],
      rows: [
        { fraction: 0, cells: [cell(0.1), cell(0.2), cell(0.3)] },
        { fraction: 0.5, cells: [cell(0.4), null, cell(0.3)] },
        { fraction: 1, cells: [cell(0.6), cell(0.9), cell(0.3)] },
      ],
    } as unknown as Figure3Table;
    expect(runHeadline(table, [1, 0.5], ["zero-ablation", "random-calibrated", "top-calibrated"])).toEqual({
      columns: [
        { id: "zero-ablation", label: "zero" },
        { id: "top-calibrated", label: "top, cal" },
      ],
      rows: [
        { fraction: 0.5, cells: [cell(0.3), cell(0.4)] },
        { fraction: 1, cells: [cell(0.3), cell(0.6)] },
      ],
    });
  });
});
