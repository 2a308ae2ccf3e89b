import { describe, expect, it } from "vitest";
import { ledgerCsv, ledgerRows, sortLedgerRows } from "./ledger-rows";
import type { StageLedger } from "./stage-error-analysis";

const f64 = (...x: number[]) => Float64Array.from(x);
const effect = (mean: number[], changed: number[]) => ({
  meanNats: f64(...mean),
  lowerNats: f64(...mean.map((m) => m - 0.5)),
  upperNats: f64(...mean.map((m) => m + 0.5)),
  changedPromptCount: Uint32Array.from(changed),
});

// Three latents; latent 1 unexplained (left out). Oracle gains 0.2, 9, −0.1; impacts 0.3, 9, 0.
const ledger = {
  impact: effect([0.3, 9, 0], [4, 1, 0]),
  oracleGain: effect([0.2, 9, -0.1], [3, 1, 2]),
  firingFrequency: f64(0.01, 0.5, 0.02),
  correlation: f64(0.4, 0.1, Number.NaN),
  explained: Uint32Array.of(1, 0, 1),
  detectionScores: f64(0.9, 0.5, Number.NaN),
  fuzzingScores: f64(0.6, 0.5, 0.7),
} as unknown as StageLedger;
const quality = { calibrated: { sensitivity: f64(0.5, 1, Number.NaN), specificity: f64(0.99, 1, 0.98) } } as never;

describe("ledgerRows", () => {
  it("gives one row per explained latent, NaN read as missing", () => {
    const rows = ledgerRows(ledger, quality);
    expect(rows.map((r) => r.latent)).toEqual([0, 2]);
    expect(rows[0]).toEqual({
      latent: 0,
      oracleGain: { mean: 0.2, lower: -0.3, upper: 0.7 },
      oracleChangedPrompts: 3,
      impact: { mean: 0.3, lower: -0.2, upper: 0.8 },
      impactChangedPrompts: 4,
      firingFrequency: 0.01,
      detection: 0.9,
      fuzzing: 0.6,
      correlation: 0.4,
      sensitivity: 0.5,
      specificity: 0.99,
    });
    expect([rows[1].detection, rows[1].correlation, rows[1].sensitivity]).toEqual([null, null, null]);
    expect(ledgerRows(ledger)[0].sensitivity).toBeNull();
  });

  it("sorts either way with missing values last", () => {
    const rows = ledgerRows(ledger, quality);
    expect(sortLedgerRows(rows, "oracle-gain", "desc").map((r) => r.latent)).toEqual([0, 2]);
    expect(sortLedgerRows(rows, "oracle-gain", "asc").map((r) => r.latent)).toEqual([2, 0]);
    expect(sortLedgerRows(rows, "detection", "asc").map((r) => r.latent)).toEqual([0, 2]);
    expect(sortLedgerRows(rows, "detection", "desc").map((r) => r.latent)).toEqual([0, 2]);
  });

  it("writes CSV with empty fields for missing values and quoted explanations", () => {
    const csv = ledgerCsv(ledgerRows(ledger, quality), (l) => (l === 0 ? 'the word "and", mostly' : null));
    const [header, first, second] = csv.trimEnd().split("\n");
    expect(header.split(",").slice(0, 3)).toEqual(["latent", "oracle_gain_nats", "oracle_gain_lower"]);
    expect(header.endsWith(",specificity,explanation")).toBe(true);
    expect(first).toBe('0,0.2,-0.3,0.7,3,0.3,-0.2,0.8,4,0.01,0.9,0.6,0.4,0.5,0.99,"the word ""and"", mostly"');
    expect(second).toBe("2,-0.1,-0.6,0.4,2,0,-0.5,0.5,0,0.02,,0.7,,,0.98,");
  });
});
