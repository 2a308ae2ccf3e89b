import { describe, expect, it } from "vitest";
import { predictedActivations } from "@/lib/calibrate";
import { runErrorDecomposition } from "./error-decomposition";
import { densePredictionRows } from "./sparse-predictions";
import { latentLedger } from "./latent-ledger";
import { blockRanges, meanPatchRow, type PromptBlocks } from "./prompt-blocks";
import { runRewriteEvaluation } from "./rewrite-evaluation";
import { fakeCoderAdapter } from "./testing/fake-coder-adapter";
import { handCoderSpec, handConfig, handInputs } from "./testing/hand-example";

// The hand example (testing/hand-example.ts) walked one prompt per block: every number must be the one computed by
// hand for the whole batch (rewrite-evaluation.test.ts, latent-ledger.test.ts), since blocks only bound memory.
function handBlocks(blockSize: number): PromptBlocks {
  const { trueActivations } = handInputs();
  const spec = handCoderSpec;
  return {
    promptCount: 2,
    blockSize,
    kind: "transcoder",
    numLatents: 4,
    k: 2,
    meanPatchTarget: meanPatchRow(Float32Array.from(spec.target.flat()), 2),
    async forEachBlock(use) {
      for (const [start, size] of blockRanges(2, blockSize)) {
        const slice = <T>(rows: readonly T[]) => rows.slice(start, start + size);
        const coder = fakeCoderAdapter({ ...spec, skip: slice(spec.skip), target: slice(spec.target), cleanCeNats: slice(spec.cleanCeNats) });
        await use({ start, size, coder, trueActivations: trueActivations.subarray(start * 4, (start + size) * 4) });
      }
    },
  };
}

const ceOf = (runs: readonly { treatment: string; fraction: number; ceNats: Float64Array }[], treatment: string, fraction: number) =>
  Array.from(runs.find((r) => r.treatment === treatment && r.fraction === fraction)!.ceNats);

describe("the evaluation one prompt block at a time", () => {
  it("gives Fig. 3's hand-computed CE per prompt, baselines and missing counts", async () => {
    const { rawPredictions, calibrations, cleanCeNats, detectionScores, fuzzingScores } = handInputs();
    const raw = densePredictionRows(Float64Array.from(rawPredictions), 4);
    const result = await runRewriteEvaluation(handConfig, { blocks: handBlocks(1), rawPredictions: raw, calibrations, cleanCeNats, detectionScores, fuzzingScores });
    expect(Array.from(result.baselines.coderAlone.ceNats)).toEqual([1.25, 4.25]);
    expect(Array.from(result.baselines.zeroAblation.ceNats)).toEqual([122, 198]);
    expect(Array.from(result.baselines.latentsZeroed!.ceNats)).toEqual([111.25, 158.25]);
    expect(Array.from(result.baselines.meanAblation!.ceNats)).toEqual([3.25, 4.25]);
    expect(ceOf(result.runs, "uncalibrated-linear", 0.5)).toEqual([21.25, 242.25]);
    expect(ceOf(result.runs, "calibrated-quantile", 0.5)).toEqual([57.25, 4.25]);
    expect(ceOf(result.runs, "zero-chosen", 0.5)).toEqual([111.25, 4.25]);
    expect(ceOf(result.runs, "uncalibrated-linear", 1)).toEqual([3.25, 814.25]);
    expect(Array.from(result.calibrations[0].missingByLatent)).toEqual([0, 1, 0, 0]);
    const whole = await runRewriteEvaluation(handConfig, handInputs());
    expect(result.summaries.map((s) => s.summary)).toEqual(whole.summaries.map((s) => s.summary));
    expect(result.calibrations.map((c) => c.quality)).toEqual(whole.calibrations.map((c) => c.quality));
  });

  it("gives the ledger's and the error decomposition's hand-computed CE", async () => {
    const inputs = handInputs();
    const simulatedRows = (start: number, size: number) =>
      predictedActivations(inputs.calibrations[0], Array.from(inputs.rawPredictions).slice(start * 4, (start + size) * 4)).activations;
    const ledger = await latentLedger({ seed: 5, bootstrap: { resamples: 30 } }, { blocks: handBlocks(1), simulatedRows });
    expect(Array.from(ledger.coderAloneCeNats)).toEqual([1.25, 4.25]);
    expect(Array.from(ledger.fullRewriteCeNats)).toEqual([57.25, 44.25]);
    expect(Array.from(ledger.impact.meanNats)).toEqual([0, 44, 54, 28]);
    const settings = { seed: 3, fractions: [0, 0.5, 1], bootstrap: { resamples: 20 } };
    const rest = { typicalMagnitude: Float32Array.of(2, 3, 4, 5), order: Int32Array.of(0, 3, 2, 1), cleanCeNats: inputs.cleanCeNats };
    const decomposition = await runErrorDecomposition(settings, { ...rest, blocks: handBlocks(1), simulatedRows });
    expect(ceOf(decomposition.cells.map((c) => ({ ...c, treatment: c.variant })), "simulated", 1)).toEqual([57.25, 44.25]);
    const whole = await runErrorDecomposition(settings, { ...rest, blocks: handBlocks(2), simulatedRows });
    expect(decomposition.savings).toEqual(whole.savings);
  });
});
