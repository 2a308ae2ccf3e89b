import { describe, expect, it } from "vitest";
import { fakeCoderAdapter } from "@/lib/evaluate/testing/fake-coder-adapter";
import { handConfig, handInputs } from "@/lib/evaluate/testing/hand-example";
import { runRewriteEvaluation, type RewriteEvaluationResult, type RewriteTreatment } from "./rewrite-evaluation";

const ceOf = (result: RewriteEvaluationResult, treatment: RewriteTreatment, fraction: number) =>
  Array.from(result.runs.find((r) => r.treatment === treatment && r.fraction === fraction)!.ceNats);

describe("runRewriteEvaluation on a hand-computed example", () => {
  it("gives the baselines: clean, coder alone, zero ablation", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    // coder alone: 1 + (11.5 − 11)² = 1.25; 2 + (12.5 − 14)² = 4.25; increases 0.25, 2.25 → mean 1.25
    expect(Array.from(result.baselines.coderAlone.ceNats)).toEqual([1.25, 4.25]);
    expect(result.baselines.coderAlone.summary.meanIncreaseNats.estimate).toBe(1.25);
    // zero ablation: r = 0 → 1 + 11² = 122; 2 + 14² = 198
    expect(Array.from(result.baselines.zeroAblation.ceNats)).toEqual([122, 198]);
    expect(result.baselines.zeroAblation.source).toBe("computed");
  });

  it("gives the references: every latent zeroed (b_dec + skip) and mean ablation", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    // r = b_dec + skip = 0.5, 1.5 → 1 + 10.5² = 111.25; 2 + 12.5² = 158.25
    expect(Array.from(result.baselines.latentsZeroed!.ceNats)).toEqual([111.25, 158.25]);
    // mean target (11 + 14) / 2 = 12.5 at both prompts → 1 + 1.5² = 3.25; 2 + 1.5² = 4.25
    expect(Array.from(result.baselines.meanAblation!.ceNats)).toEqual([3.25, 4.25]);
  });

  it("at fraction 0 every treatment is the coder alone", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    for (const t of ["calibrated-quantile", "uncalibrated-linear", "zero-chosen"] as const) expect(ceOf(result, t, 0)).toEqual([1.25, 4.25]);
  });

  it("rewrites the top-detection half: latents 0 and 3; the rest keep the transcoder's own TopK output", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    // The transcoder's own TopK: p0 {0: 3, 3: 2}, p1 {1: 4, 2: 1}; latents outside it stay 0.
    // linear (identity): p0 [6,0,0,0] → {0: 6, 1: 0} → r = 0.5 + 6 = 6.5 → 1 + 4.5² = 21.25
    //                    p1 [0,4,1,5] → {3: 5, 1: 4} → r = 1.5 + 20 + 8 = 29.5 → 2 + 15.5² = 242.25
    expect(ceOf(result, "uncalibrated-linear", 0.5)).toEqual([21.25, 242.25]);
    // quantile: raw 6 → 3, raw 5 → 1, raw 0 → 0. p0 [3,0,0,0] → r = 0.5 + 3 = 3.5 → 1 + 7.5² = 57.25
    //           p1 [0,4,1,1] → {1: 4, 2: 1} (tie with latent 3 goes to the lower index) → r = 12.5 → 4.25
    expect(ceOf(result, "calibrated-quantile", 0.5)).toEqual([57.25, 4.25]);
    // zero-chosen: p0 [0,0,0,0] → r = 0.5 → 1 + 10.5² = 111.25; p1 [0,4,1,0] → r = 12.5 → 4.25
    expect(ceOf(result, "zero-chosen", 0.5)).toEqual([111.25, 4.25]);
    const quantileHalf = result.summaries.find((s) => s.treatment === "calibrated-quantile" && s.fraction === 0.5)!;
    // increases [56.25, 2.25]: mean 29.25; median of |·| over two values is their mean, 29.25
    expect(quantileHalf.summary.meanIncreaseNats.estimate).toBe(29.25);
    expect(quantileHalf.summary.medianAbsoluteDifferenceNats.estimate).toBe(29.25);
  });

  it("back-fills from pre-TopK values only when asked (the named alternative)", async () => {
    const result = await runRewriteEvaluation({ ...handConfig, unrewrittenLatents: "pre-topk-backfill" }, handInputs());
    // p0 keeps latent 1's pre-TopK 1, which refills the slot latent 3 freed:
    // linear: p0 [6,1,0,0] → {0: 6, 1: 1} → r = 0.5 + 6 + 2 = 8.5 → 7.25; quantile p0 [3,1,0,0] → r = 5.5 → 31.25
    expect(ceOf(result, "uncalibrated-linear", 0.5)).toEqual([7.25, 242.25]);
    expect(ceOf(result, "calibrated-quantile", 0.5)).toEqual([31.25, 4.25]);
    expect(ceOf(result, "zero-chosen", 0.5)).toEqual([73.25, 4.25]);
    // Fraction 1 rewrites every latent, so both rules agree there.
    const defaultRun = await runRewriteEvaluation(handConfig, handInputs());
    for (const t of ["calibrated-quantile", "uncalibrated-linear", "zero-chosen"] as const) expect(ceOf(result, t, 1)).toEqual(ceOf(defaultRun, t, 1));
  });

  it("rewrites every latent at fraction 1; zeroing all of them leaves b_dec + skip", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    // linear: p0 [6,0,2,0] → {0: 6, 2: 2} → r = 0.5 + 6 + 6 = 12.5 → 3.25
    //         p1 [0,·,7,5] (missing → 0) → {2: 7, 3: 5} → r = 1.5 + 21 + 20 = 42.5 → 2 + 28.5² = 814.25
    expect(ceOf(result, "uncalibrated-linear", 1)).toEqual([3.25, 814.25]);
    // quantile: p0 [3,0,0,0] → r = 0.5 + 3 = 3.5 → 1 + 7.5² = 57.25; p1 [0,0,5,1] → r = 1.5 + 15 + 4 = 20.5 → 2 + 6.5² = 44.25
    expect(ceOf(result, "calibrated-quantile", 1)).toEqual([57.25, 44.25]);
    // r = b_dec + skip = 0.5, 1.5 → 1 + 10.5² = 111.25; 2 + 12.5² = 158.25
    expect(ceOf(result, "zero-chosen", 1)).toEqual([111.25, 158.25]);
  });

  it("counts missing predictions of rewritten latents, never silently", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    const missing = (t: RewriteTreatment, f: number) => result.runs.find((r) => r.treatment === t && r.fraction === f)!.missingPredictionCount;
    expect(missing("uncalibrated-linear", 0.5)).toBe(0); // latent 1 (the NaN) is not rewritten at 0.5
    expect(missing("uncalibrated-linear", 1)).toBe(1);
    expect(missing("calibrated-quantile", 1)).toBe(1);
    expect(missing("zero-chosen", 1)).toBe(0);
    expect(result.calibrations.map((c) => c.missingPredictionCount)).toEqual([1, 1]);
    expect(Array.from(result.calibrations[0].missingByLatent)).toEqual([0, 1, 0, 0]);
  });

  it("batches all prompts of a cell into one decode and one CE call, and reuses identical TopK rows", async () => {
    const inputs = handInputs();
    const coder = inputs.coder as ReturnType<typeof fakeCoderAdapter>;
    const result = await runRewriteEvaluation(handConfig, inputs);
    // coder alone + every latent zeroed + 3 treatments at 0.5 + 2 at 1: the three fraction-0 cells reuse the coder
    // alone, and zeroing every chosen latent at fraction 1 reuses "every latent zeroed"
    expect(result.forwardPassCount).toBe(7);
    expect(coder.decodeCallSizes).toEqual(new Array(7).fill(2 * 2)); // P·k per call
    expect(coder.lastTokenCeCalls).toBe(9); // + zero ablation + mean ablation
    expect(result.runs.filter((r) => r.reusedForwardPass).map((r) => r.fraction)).toEqual([0, 0, 0, 1]);
  });

  it("bins sensitivity and specificity by detection score (Fig. 4)", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    const linear = result.calibrations.find((c) => c.mode === "uncalibrated-linear")!.quality;
    // true TopK: p0 {0, 3}, p1 {1, 2}; linear predicted: p0 {0, 2}, p1 {2, 3}
    // latent 0: TP1 TN1 → 1, 1; latent 1: FN1 TN1 → 0, 1; latent 2: TP1 FP1 → 1, 0; latent 3: FN1 FP1 → 0, 0
    expect(Array.from(linear.sensitivity)).toEqual([1, 0, 1, 0]);
    expect(Array.from(linear.specificity)).toEqual([1, 1, 0, 0]);
    // bins [0, 0.6): latent 2; [0.6, 1]: latents 0 and 3; latent 1 unscored
    expect(linear.byDetectionScore.sensitivity.map((b) => b.mean)).toEqual([1, 0.5]);
    expect(linear.byDetectionScore.specificity.map((b) => b.mean)).toEqual([0, 0.5]);
    expect(linear.byDetectionScore.unscoredLatentCount).toBe(1);
    expect(linear.byFuzzingScore.unscoredLatentCount).toBe(4);
    // quantile predicted: p0 {0} (latent 1 is in TopK at 0, so inactive), p1 {2, 3} → latent 2 now 1, 1
    const quantile = result.calibrations.find((c) => c.mode === "calibrated-quantile")!.quality;
    expect(Array.from(quantile.specificity)).toEqual([1, 1, 1, 0]);
    expect(quantile.meanSpecificity).toBe(0.75);
  });

  it("uses a given zero-ablation CE instead of computing it", async () => {
    const result = await runRewriteEvaluation(handConfig, { ...handInputs(), zeroAblationCeNats: Float64Array.of(5, 6) });
    expect(result.baselines.zeroAblation.source).toBe("given");
    expect(result.baselines.zeroAblation.summary.meanIncreaseNats.estimate).toBe(4);
  });

  it("reproduces every number from config, seed and inputs", async () => {
    const config = { ...handConfig, selections: ["top-detection", "random"] as const, randomDraws: 2 };
    const a = await runRewriteEvaluation(config, handInputs());
    const b = await runRewriteEvaluation(config, handInputs());
    expect(b).toEqual(a);
  });

  it("names the offending array when the inputs do not fit together", async () => {
    const inputs = handInputs();
    await expect(runRewriteEvaluation(handConfig, { ...inputs, rawPredictions: new Float64Array(7) })).rejects.toThrow(
      /rawPredictions has 7 values; expected 8 = 2 prompts × 4 latents/,
    );
    await expect(runRewriteEvaluation(handConfig, { ...inputs, detectionScores: Float64Array.of(0.9, 2, 0.5, 0.7) })).rejects.toThrow(
      /detectionScores\[1\] = 2 lies outside the score bins \[0, 1\]/,
    );
    await expect(runRewriteEvaluation({ ...handConfig, fractions: [0, 1.5] }, inputs)).rejects.toThrow(/fractions must lie in \[0, 1\], got 1.5/);
  });
});
