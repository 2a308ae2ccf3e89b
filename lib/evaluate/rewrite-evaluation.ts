// Fig. 3: the CE increase when a fraction of the coder's latents is rewritten from explanations (simulated,
// calibrated or not) while the rest keep their true values, against the clean model, the coder alone, the
// zero-ablated patch target and zeroing exactly the rewritten latents. One batched forward pass per cell and
// prompt block (prompt-blocks.ts): a block's rows of every cell are run before the next block is read.
import { describeCalibration, predictedActivations, type CalibrationDescriptor, type CalibrationMode } from "@/lib/calibrate";
import { summarizeCeIncrease, type CeIncreaseSummary } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { topKRows, type TopK } from "@/lib/core/topk";
import { decodeChecked, lastTokenCeChecked } from "./coder-adapter";
import { derivedSeed } from "@/lib/core/derived-seed";
import { checkRewriteEvaluationConfig, type RewriteEvaluationConfig } from "./evaluation-config";
import { blockRewriteInputs, checkFiniteBlock, checkRewriteEvaluationInputs, type BlockRewriteInputs, type RewriteEvaluationInputs } from "./evaluation-inputs";
import { explanationQuality, type ExplanationQuality } from "./explanation-quality";
import type { SelectionMethod } from "./latent-selection";
import { rewriteCells, rewriteSummaries } from "./rewrite-cells";
import { rewrittenTopK } from "./rewritten-topk";
import { TopKForwardCache } from "./topk-forward-cache";

/** What the rewritten latents get: their calibrated / uncalibrated predictions, or 0. */
export type RewriteTreatment = CalibrationMode | "zero-chosen";

export interface BaselineCe {
  readonly ceNats: Float64Array;
  readonly summary: CeIncreaseSummary;
}

/** One (selection, treatment, fraction, draw) cell; draw is 0 for the top-scoring selections. */
export interface RewriteRun {
  readonly selection: SelectionMethod;
  readonly treatment: RewriteTreatment;
  readonly fraction: number;
  readonly draw: number;
  readonly chosenLatentCount: number;
  /** (prompt, rewritten latent) pairs whose prediction was missing, so predicted inactive (0); 0 for zero-chosen. */
  readonly missingPredictionCount: number;
  /** The TopK rows equalled an earlier cell's, whose CE this cell shares (no forward pass of its own). */
  readonly reusedForwardPass: boolean;
  readonly ceNats: Float64Array;
  readonly summary: CeIncreaseSummary;
}

/** A (selection, treatment, fraction) over its draws: prompts resampled with all their draws (draw-pooled-summary). */
export interface RewriteSummary {
  readonly selection: SelectionMethod;
  readonly treatment: RewriteTreatment;
  readonly fraction: number;
  readonly drawCount: number;
  readonly summary: CeIncreaseSummary;
  /** Each draw's own estimates, to show how much the choice of latents moves the result. */
  readonly drawMeanIncreaseNats: readonly number[];
  readonly drawMedianAbsoluteDifferenceNats: readonly number[];
}

export interface CalibrationRecord extends CalibrationDescriptor {
  /** (prompt, latent) raw predictions missing on the evaluation prompts, over all latents. */
  readonly missingPredictionCount: number;
  readonly missingByLatent: Uint32Array;
  /** Every latent predicted (fraction 1), TopK, against the true TopK: Fig. 4 / A4. */
  readonly quality: ExplanationQuality;
}

export interface RewriteEvaluationResult {
  readonly config: RewriteEvaluationConfig;
  readonly coderKind: "transcoder" | "sae";
  readonly numLatents: number;
  readonly k: number;
  readonly promptCount: number;
  readonly unscoredLatentCount: { readonly detection: number; readonly fuzzing: number };
  readonly calibrations: readonly CalibrationRecord[];
  readonly baselines: {
    readonly cleanCeNats: Float64Array;
    /** The true TopK decoded: the transcoder (or SAE) alone, i.e. fraction 0. */
    readonly coderAlone: BaselineCe;
    /** The patch target zeroed: the paper's reference for a transcoder (an MLP output of 0). */
    readonly zeroAblation: BaselineCe & { readonly source: "given" | "computed" };
    /**
     * Every latent zeroed: b_dec (+ the skip term for a transcoder), the "always predict inactive" rewrite; an
     * SAE's reference. Absent in runs stored before it was computed.
     */
    readonly latentsZeroed?: BaselineCe;
    /** The patch target replaced by its mean over the evaluation prompts' last tokens; absent when unknown. */
    readonly meanAblation?: BaselineCe;
  };
  readonly runs: readonly RewriteRun[];
  readonly summaries: readonly RewriteSummary[];
  /** Patched forward passes run (cells with identical TopK rows share one). */
  readonly forwardPassCount: number;
}

export interface RewriteEvaluationProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export async function runRewriteEvaluation(
  config: RewriteEvaluationConfig,
  denseOrBlockInputs: RewriteEvaluationInputs | BlockRewriteInputs,
  onProgress: (progress: RewriteEvaluationProgress) => void = () => {},
): Promise<RewriteEvaluationResult> {
  checkRewriteEvaluationConfig(config);
  const inputs = blockRewriteInputs(denseOrBlockInputs);
  const edges = config.scoreBinEdges;
  const { promptCount, numLatents } = checkRewriteEvaluationInputs(inputs, [edges[0], edges[edges.length - 1]]);
  const { blocks, cleanCeNats } = inputs;
  const k = blocks.k;
  const bootstrap = { resamples: config.bootstrapResamples, level: config.ciLevel };
  const summarize = (ceNats: Float64Array, label: string) =>
    summarizeCeIncrease(ceNats, cleanCeNats, createSeededRng(derivedSeed(config.seed, `bootstrap/${label}`)), bootstrap);

  const modes = inputs.calibrations.map((set) => set.mode);
  const treatments: RewriteTreatment[] = [...modes, "zero-chosen"];
  const cells = rewriteCells(config, treatments, numLatents, { "top-detection": inputs.detectionScores, "top-fuzzing": inputs.fuzzingScores });
  const baselineCount = 2 + (inputs.zeroAblationCeNats ? 0 : 1) + (blocks.meanPatchTarget ? 1 : 0);
  const blockCount = Math.ceil(promptCount / blocks.blockSize);
  const total = blockCount * (cells.length + baselineCount);
  let done = 0;
  const progress = (label: string) => onProgress({ done: ++done, total, label });

  // Per-prompt results and per-latent counts: the only things that outlive a block.
  const perPrompt = () => new Float64Array(promptCount);
  const coderAloneCe = perPrompt();
  const zeroAblationCe = inputs.zeroAblationCeNats ?? perPrompt();
  const latentsZeroedCe = perPrompt();
  const meanAblationCe = blocks.meanPatchTarget ? perPrompt() : undefined;
  const cellCe = cells.map(perPrompt);
  // A cell counts as reused when every block found its rows already run; as run when any block ran them.
  const reusedEverywhere = cells.map(() => true);
  const ranAnywhere = new Array<boolean>(cells.length + 2).fill(false);
  const trueTopK: TopK = { values: new Float32Array(promptCount * k), indices: new Int32Array(promptCount * k) };
  const predicted = inputs.calibrations.map((set) => ({
    set,
    missingCount: 0,
    missingByLatent: new Uint32Array(numLatents),
    topK: { values: new Float32Array(promptCount * k), indices: new Int32Array(promptCount * k) } as TopK,
  }));

  await blocks.forEachBlock(async ({ start, size, coder, trueActivations }) => {
    checkFiniteBlock(trueActivations, start, numLatents);
    let modelDim = 0;
    const forwardCache = new TopKForwardCache(async (top: TopK) => {
      const replacement = await decodeChecked(coder, top.indices, top.values, size);
      modelDim = replacement.length / size;
      return lastTokenCeChecked(coder, replacement, size);
    });
    const runCached = async (top: TopK, into: Float64Array, cell: number) => {
      const { ceNats, reused } = await forwardCache.ceNats(top);
      into.set(ceNats, start);
      if (!reused) ranAnywhere[cell] = true;
      return reused;
    };
    const ownTopK = topKRows(trueActivations, numLatents, k);
    trueTopK.values.set(ownTopK.values, start * k);
    trueTopK.indices.set(ownTopK.indices, start * k);
    await runCached(ownTopK, coderAloneCe, cells.length);
    progress("coder alone");
    if (!inputs.zeroAblationCeNats) {
      zeroAblationCe.set(await lastTokenCeChecked(coder, new Float32Array(size * modelDim), size), start);
      progress("zero ablation");
    }
    // An all-zero TopK row decodes to b_dec (+ skip): the same rows as zeroing every chosen latent at fraction 1.
    const noLatents: TopK = { values: new Float32Array(size * k), indices: Int32Array.from({ length: size * k }, (_, i) => i % k) };
    await runCached(noLatents, latentsZeroedCe, cells.length + 1);
    progress("every latent zeroed");
    if (meanAblationCe && blocks.meanPatchTarget) {
      const patch = new Float32Array(size * blocks.meanPatchTarget.length);
      for (let p = 0; p < size; p++) patch.set(blocks.meanPatchTarget, p * blocks.meanPatchTarget.length);
      meanAblationCe.set(await lastTokenCeChecked(coder, patch, size), start);
      progress("mean ablation");
    }

    const raw = inputs.rawPredictions.rows(start, start + size);
    const activations = predicted.map((p) => {
      const block = predictedActivations(p.set, raw);
      p.missingCount += block.missingCount;
      block.missingByLatent.forEach((n, l) => (p.missingByLatent[l] += n));
      const top = topKRows(block.activations, numLatents, k);
      p.topK.values.set(top.values, start * k);
      p.topK.indices.set(top.indices, start * k);
      return block.activations;
    });
    for (const [c, cell] of cells.entries()) {
      const source = activations[modes.indexOf(cell.treatment as CalibrationMode)];
      const replacement = source ? (p: number, l: number) => source[p * numLatents + l] : null;
      const top = rewrittenTopK(trueActivations, numLatents, k, cell.chosen, replacement, config.unrewrittenLatents, ownTopK);
      if (!(await runCached(top, cellCe[c], c))) reusedEverywhere[c] = false;
      progress(cell.label);
    }
  });

  const runs: RewriteRun[] = cells.map((cell, c) => {
    const source = predicted.find((p) => p.set.mode === cell.treatment);
    return {
      selection: cell.selection,
      treatment: cell.treatment,
      fraction: cell.fraction,
      draw: cell.draw,
      chosenLatentCount: cell.chosen.length,
      missingPredictionCount: source ? cell.chosen.reduce((n, l) => n + source.missingByLatent[l], 0) : 0,
      reusedForwardPass: reusedEverywhere[c],
      ceNats: cellCe[c],
      summary: summarize(cellCe[c], cell.label),
    };
  });
  const scores = { detection: inputs.detectionScores, fuzzing: inputs.fuzzingScores };
  const unscored = (s: Float64Array) => s.filter((x) => Number.isNaN(x)).length;
  return {
    config,
    coderKind: blocks.kind,
    numLatents,
    k,
    promptCount,
    unscoredLatentCount: { detection: unscored(scores.detection), fuzzing: unscored(scores.fuzzing) },
    calibrations: predicted.map(({ set, topK, missingCount, missingByLatent }) => ({
      ...describeCalibration(set),
      missingPredictionCount: missingCount,
      missingByLatent,
      quality: explanationQuality(topK, trueTopK, numLatents, k, scores, edges),
    })),
    baselines: {
      cleanCeNats,
      coderAlone: { ceNats: coderAloneCe, summary: summarize(coderAloneCe, "coder-alone") },
      zeroAblation: {
        ceNats: zeroAblationCe,
        summary: summarize(zeroAblationCe, "zero-ablation"),
        source: inputs.zeroAblationCeNats ? "given" : "computed",
      },
      latentsZeroed: { ceNats: latentsZeroedCe, summary: summarize(latentsZeroedCe, "latents-zeroed") },
      ...(meanAblationCe ? { meanAblation: { ceNats: meanAblationCe, summary: summarize(meanAblationCe, "mean-ablation") } } : {}),
    },
    runs,
    summaries: rewriteSummaries(config, treatments, runs, cleanCeNats),
    forwardPassCount: ranAnywhere.filter(Boolean).length,
  };
}
