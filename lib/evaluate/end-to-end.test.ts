import { describe, expect, it } from "vitest";
import { activationsAfterTopK, calibrationSampleSizeStudy, fitLinearCalibration, fitQuantileCalibration } from "@/lib/calibrate";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { zeroInflatedSampleFromValues } from "@/lib/core/zero-inflated-sample";
import { rewriteEvaluationConfig } from "./evaluation-config";
import type { RewriteEvaluationInputs } from "./evaluation-inputs";
import { fakeCoderAdapter } from "@/lib/evaluate/testing/fake-coder-adapter";
import { figure3Markdown, figure3Table } from "./figure3-table";
import { runRewriteEvaluation, type RewriteEvaluationProgress } from "./rewrite-evaluation";

const P = 40;
const L = 6;
const K = 2;
const D = 3;

/** A tiny world: latents 0–2 have faithful explanations (raw monotone in the truth), 3–5 are guessed. */
function tinyWorld(perfect = false): RewriteEvaluationInputs {
  const rng = createSeededRng(2024);
  const u = () => rng.uniform();
  const trueActivations = Float32Array.from({ length: P * L }, () => (u() < 0.5 ? 0 : 3 * u()));
  const afterTopK = activationsAfterTopK(trueActivations, L, K);
  const rawPredictions = Float64Array.from(afterTopK, (t, i) => {
    if (perfect) return t;
    if (i === 5 * L + 4 || i === 9 * L + 1) return Number.NaN; // two failed simulations
    return i % L < 3 ? (t === 0 ? u() : 2 + 2 * t) : 9 * u();
  });
  const decoderRows = Array.from({ length: L }, () => Array.from({ length: D }, () => u() - 0.5));
  const skip = Array.from({ length: P }, () => Array.from({ length: D }, () => u()));
  const bDec = [0.1, -0.2, 0.3];
  // the MLP's true output is close to the coder's reconstruction, as for a good transcoder
  const target = skip.map((s, p) =>
    s.map((x, c) => {
      const reconstruction = topSlots(trueActivations, p).reduce((sum, slot) => sum + slot.value * decoderRows[slot.latent][c], x + bDec[c]);
      return reconstruction + (u() - 0.5) * 0.1;
    }),
  );
  const cleanCeNats = Array.from({ length: P }, () => 2 + u());
  const columns = Array.from({ length: L }, (_, l) => zeroInflatedSampleFromValues(Array.from({ length: P }, (_, p) => afterTopK[p * L + l])));
  return {
    coder: fakeCoderAdapter({ k: K, decoderRows, bDec, skip, target, cleanCeNats }),
    trueActivations,
    rawPredictions,
    calibrations: [
      fitQuantileCalibration(rawPredictions, L, { kind: "prompts", activationsAfterTopK: afterTopK }),
      fitLinearCalibration(columns),
    ],
    cleanCeNats: Float64Array.from(cleanCeNats),
    detectionScores: Float64Array.of(0.9, 0.85, 0.8, 0.55, 0.5, Number.NaN),
    fuzzingScores: Float64Array.of(0.7, Number.NaN, 0.9, 0.6, 0.5, 0.4),
  };
}

function topSlots(acts: Float32Array, p: number): { latent: number; value: number }[] {
  const row = Array.from(acts.subarray(p * L, (p + 1) * L), (value, latent) => ({ latent, value }));
  return row.sort((a, b) => b.value - a.value || a.latent - b.latent).slice(0, K);
}

const config = rewriteEvaluationConfig(42, { bootstrapResamples: 200 });

describe("a tiny end-to-end rewrite evaluation (6 latents, k = 2, 40 prompts)", () => {
  it("produces the Figure-3 table, reproducibly", async () => {
    const events: RewriteEvaluationProgress[] = [];
    const result = await runRewriteEvaluation(config, tinyWorld(), (e) => events.push(e));
    expect(events.at(-1)).toMatchObject({ done: events.at(-1)!.total });
    // (2 top selections + 3 random draws) × 11 fractions × 3 treatments + coder alone + zero ablation + every
    // latent zeroed + mean ablation
    expect(events.at(-1)!.total).toBe(5 * 11 * 3 + 4);
    expect(result.runs).toHaveLength(165);
    expect(result.summaries).toHaveLength(3 * 3 * 11);

    const table = figure3Table(result);
    expect(table.rows).toHaveLength(11);
    const [first] = table.rows;
    // fraction 0 rewrites nothing: every column but zero ablation is the coder alone (CIs differ: own resamples)
    expect(first.cells.slice(0, 5).map((c) => c!.estimate)).toEqual(new Array(5).fill(table.coderAlone.estimate));
    const zeroAblation = table.rows.map((r) => r.cells[5]);
    expect(new Set(zeroAblation.map((c) => c!.estimate)).size).toBe(1);
    // at fraction 1 every selection rewrites all latents: top-scoring and random agree
    const last = table.rows[10];
    expect(last.cells[0]!.estimate).toBeCloseTo(last.cells[2]!.estimate, 12);
    expect(last.cells[1]!.estimate).toBeCloseTo(last.cells[3]!.estimate, 12);
    const markdown = figure3Markdown(table);
    expect(markdown.split("\n").filter((l) => /^\| (0|1|0\.\d) \|/.test(l))).toHaveLength(11);

    // the two failed simulations are counted, and the faithful latents are better explained than the guessed
    const quantile = result.calibrations.find((c) => c.mode === "calibrated-quantile")!;
    expect(quantile.missingPredictionCount).toBe(2);
    expect(quantile.failedCalibrationPredictionCount).toBe(2);
    const meanOf = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(meanOf(quantile.quality.specificity.subarray(0, 3))).toBeGreaterThan(meanOf(quantile.quality.specificity.subarray(3)));

    expect(await runRewriteEvaluation(config, tinyWorld())).toEqual(result);
  });

  it("changes the random draws, not the top-scoring cells, with the seed", async () => {
    const a = await runRewriteEvaluation(config, tinyWorld());
    const b = await runRewriteEvaluation({ ...config, seed: 43 }, tinyWorld());
    const ce = (r: typeof a, selection: string, fraction: number) =>
      r.runs.filter((x) => x.selection === selection && x.treatment === "calibrated-quantile" && x.fraction === fraction).map((x) => Array.from(x.ceNats));
    expect(ce(b, "top-detection", 0.5)).toEqual(ce(a, "top-detection", 0.5));
    expect(ce(b, "random", 0.5)).not.toEqual(ce(a, "random", 0.5));
    // and the draws of one run differ from each other
    const draws = ce(a, "random", 0.5);
    expect(new Set(draws.map((d) => d.join())).size).toBeGreaterThan(1);
  });

  it("with perfect predictions and an identity-like normalizer, rewriting everything is the coder alone", async () => {
    // raw = the true post-TopK activation and target (b) = the same values: the quantile map is the identity
    const result = await runRewriteEvaluation(config, tinyWorld(true));
    const rewrittenAll = result.runs.find((r) => r.treatment === "calibrated-quantile" && r.fraction === 1)!;
    expect(rewrittenAll.ceNats).toEqual(result.baselines.coderAlone.ceNats);
    expect(rewrittenAll.reusedForwardPass).toBe(true);
    const quality = result.calibrations.find((c) => c.mode === "calibrated-quantile")!.quality;
    expect(quality.meanSensitivity).toBe(1);
    expect(quality.meanSpecificity).toBe(1);
  });

  it("evaluates a residual SAE with the same protocol", async () => {
    const world = tinyWorld();
    const result = await runRewriteEvaluation(
      { ...config, fractions: [0, 1], selections: ["top-detection"] },
      { ...world, coder: { ...world.coder, kind: "sae" } },
    );
    expect(result.coderKind).toBe("sae");
    expect(figure3Markdown(figure3Table(result))).toMatch(/sae alone: /);
  });

  it("wires the 1K-vs-10K study (App. B) to the CE of rewriting every latent", async () => {
    const world = tinyWorld();
    const afterTopK = activationsAfterTopK(world.trueActivations, L, K);
    const rows = await calibrationSampleSizeStudy(
      {
        calibrationRawPredictions: world.rawPredictions,
        numLatents: L,
        target: { kind: "prompts", activationsAfterTopK: afterTopK },
        sampleSizes: [10, 40],
        seed: 5,
        comparisonRawPredictions: world.rawPredictions,
      },
      async (calibration) => {
        const run = await runRewriteEvaluation({ ...config, fractions: [1], selections: ["top-detection"] }, { ...world, calibrations: [calibration] });
        return run.summaries.find((s) => s.treatment === "calibrated-quantile")!.summary.meanIncreaseNats;
      },
    );
    expect(rows.map((r) => r.calibration.contextCount)).toEqual([10, 40]);
    // the 40-context fit is the one the world's evaluation used, so its CE is that run's
    const full = await runRewriteEvaluation({ ...config, fractions: [1], selections: ["top-detection"] }, world);
    expect(rows[1].ce!.estimate).toBe(full.summaries.find((s) => s.treatment === "calibrated-quantile")!.summary.meanIncreaseNats.estimate);
    expect(rows[0].meanAbsoluteDifferenceFromLargest).toBeGreaterThan(0);
  });
});
