import { describe, expect, it } from "vitest";
import type { LedgerRow } from "./ledger-rows";
import { proxyAgreement, proxyMismatches } from "./proxy-agreement";

const f64 = (...x: number[]) => Float64Array.from(x);

describe("proxyAgreement", () => {
  it("ranks the oracle gain against each proxy over explained latents where the proxy is defined", () => {
    // Latent 4 is unexplained and left out. Detection falls as the gain rises (ρ = −1); fuzzing rises with it
    // (ρ = 1); correlation is defined on latents 0–2 only, ranks (1, 3, 2) vs gain ranks (1, 2, 3): ρ = 1 − 6·2/24 = 0.5.
    const inputs = {
      oracleGainNats: f64(0.1, 0.2, 0.3, 0.4, 9),
      explained: Uint32Array.of(1, 1, 1, 1, 0),
      proxies: { detection: f64(0.9, 0.8, 0.7, 0.6, 0), fuzzing: f64(0.5, 0.6, 0.7, 0.8, 0), correlation: f64(0.1, 0.5, 0.3, Number.NaN, 0) },
    };
    const [detection, fuzzing, correlation] = proxyAgreement(inputs, 1, { resamples: 50 });
    expect(detection.rho.estimate).toBeCloseTo(-1, 12);
    expect(detection.latentCount).toBe(4);
    expect(fuzzing.rho.estimate).toBeCloseTo(1, 12);
    expect(correlation.rho.estimate).toBeCloseTo(0.5, 12);
    expect(correlation.latentCount).toBe(3);
    // A monotone relation stays monotone in every resample where ρ is defined.
    expect([detection.rho.lower, detection.rho.upper].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([-1, -1]);
  });
});

const row = (latent: number, detection: number | null, gain: number, lower: number, changed: number) =>
  ({ latent, detection, fuzzing: null, correlation: null, oracleGain: { mean: gain, lower, upper: gain + 1 }, oracleChangedPrompts: changed }) as unknown as LedgerRow;

describe("proxyMismatches", () => {
  it("lists high scores with a clear cost and low scores with none on many prompts", () => {
    // Detection 0.1 … 0.8 over latents 0–7: quartiles (type 7) 0.275 and 0.625.
    const rows = [
      row(0, 0.1, 0, -0.1, 40), // low score, no detectable cost, 40 prompts: listed
      row(1, 0.2, 0, -0.1, 3), // too few prompts changed
      row(2, 0.3, 0.5, 0.1, 40), // not in the bottom quartile
      row(3, 0.4, 0, 0, 0),
      row(4, 0.5, 0, 0, 0),
      row(5, 0.6, 0.9, 0.2, 30), // below the top quartile
      row(6, 0.7, 0.3, 0.05, 20), // high score, clear cost: listed second
      row(7, 0.8, 0.6, 0.2, 25), // listed first (larger gain)
      row(8, null, 5, 4, 50), // no score
    ];
    const m = proxyMismatches(rows, "detection", { minChangedPrompts: 10 });
    expect(m.highThreshold).toBeCloseTo(0.625, 12);
    expect(m.lowThreshold).toBeCloseTo(0.275, 12);
    expect(m.highScoreLargeCost.map((r) => r.latent)).toEqual([7, 6]);
    expect(m.lowScoreNoCost.map((r) => r.latent)).toEqual([0]);
    expect(proxyMismatches(rows, "fuzzing").highScoreLargeCost).toEqual([]);
  });
});
