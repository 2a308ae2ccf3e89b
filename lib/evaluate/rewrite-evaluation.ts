// Fig. 3: the CE increase when a fraction of the coder's latents is rewritten from explanations (simulated,
// calibrated or not) while the rest keep their true values, against the clean model, the coder alone, the
// zero-ablated patch target and zeroing exactly the rewritten latents. One batched forward pass per cell.
import { describeCalibration, predictedActivations, type CalibrationDescriptor, type CalibrationMode } from "@/lib/calibrate";
import { summarizeCeIncrease, type CeIncreaseSummary } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { topKRows, type TopK } from "@/lib/core/topk";
import { decodeChecked, lastTokenCeChecked } from "./coder-adapter";
import { derivedSeed } from "@/lib/core/derived-seed";
import { summarizeCeIncreaseOverDraws } from "./draw-pooled-summary";
import { checkRewriteEvaluationConfig, type RewriteEvaluationConfig } from "./evaluation-config";
import { checkRewriteEvaluationInputs, type RewriteEvaluationInputs } from "./evaluation-inputs";
import { explanationQuality, type ExplanationQuality } from "./explanation-quality";
import { chosenLatentCount, randomOrder, topScoringOrder, type SelectionMethod } from "./latent-selection";
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
  inputs: RewriteEvaluationInputs,
  onProgress: (progress: RewriteEvaluationProgress) => void = () => {},
): Promise<RewriteEvaluationResult> {
  checkRewriteEvaluationConfig(config);
  const edges = config.scoreBinEdges;
  const { promptCount, numLatents } = checkRewriteEvaluationInputs(inputs, [edges[0], edges[edges.length - 1]]);
  const { coder, trueActivations, cleanCeNats } = inputs;
  const k = coder.k;
  const bootstrap = { resamples: config.bootstrapResamples, level: config.ciLevel };
  const summarize = (ceNats: Float64Array, label: string) =>
    summarizeCeIncrease(ceNats, cleanCeNats, createSeededRng(derivedSeed(config.seed, `bootstrap/${label}`)), bootstrap);

  const predicted = inputs.calibrations.map((set) => ({ set, ...predictedActivations(set, inputs.rawPredictions) }));
  const drawsOf = (selection: SelectionMethod) => (selection === "random" ? config.randomDraws : 1);
  const treatments: RewriteTreatment[] = [...predicted.map((p) => p.set.mode), "zero-chosen"];
  const cellCount = config.selections.reduce((n, s) => n + drawsOf(s), 0) * config.fractions.length * treatments.length;
  const total = cellCount + (inputs.zeroAblationCeNats ? 2 : 3) + (coder.cleanPatchTarget ? 1 : 0);
  let done = 0;
  const progress = (label: string) => onProgress({ done: ++done, total, label });

  let modelDim = 0;
  const forwardCache = new TopKForwardCache(async (top: TopK) => {
    const replacement = await decodeChecked(coder, top.indices, top.values, promptCount);
    modelDim = replacement.length / promptCount;
    return lastTokenCeChecked(coder, replacement, promptCount);
  });

  const trueTopK = topKRows(trueActivations, numLatents, k);
  const coderAloneCe = (await forwardCache.ceNats(trueTopK)).ceNats;
  progress("coder alone");
  const zeroAblationCe = inputs.zeroAblationCeNats ?? (await lastTokenCeChecked(coder, new Float32Array(promptCount * modelDim), promptCount));
  if (!inputs.zeroAblationCeNats) progress("zero ablation");
  // An all-zero TopK row decodes to b_dec (+ skip): the same rows as zeroing every chosen latent at fraction 1.
  const noLatents: TopK = { values: new Float32Array(promptCount * k), indices: Int32Array.from({ length: promptCount * k }, (_, i) => i % k) };
  const latentsZeroedCe = (await forwardCache.ceNats(noLatents)).ceNats;
  progress("every latent zeroed");
  const meanAblationCe = coder.cleanPatchTarget
    ? await lastTokenCeChecked(coder, meanAblationPatch(coder.cleanPatchTarget, promptCount), promptCount)
    : undefined;
  if (meanAblationCe) progress("mean ablation");

  const runs: RewriteRun[] = [];
  const scoresOf = { "top-detection": inputs.detectionScores, "top-fuzzing": inputs.fuzzingScores };
  for (const selection of config.selections) {
    for (let draw = 0; draw < drawsOf(selection); draw++) {
      const order =
        selection === "random" ? randomOrder(numLatents, derivedSeed(config.seed, `random-selection/${draw}`)) : topScoringOrder(scoresOf[selection]);
      for (const fraction of config.fractions) {
        const chosen = order.subarray(0, chosenLatentCount(fraction, numLatents));
        for (const treatment of treatments) {
          const source = predicted.find((p) => p.set.mode === treatment);
          const replacement = source ? (p: number, l: number) => source.activations[p * numLatents + l] : null;
          const top = rewrittenTopK(trueActivations, numLatents, k, chosen, replacement, config.unrewrittenLatents, trueTopK);
          const { ceNats, reused } = await forwardCache.ceNats(top);
          const label = `${selection}/${treatment}/${fraction}/${draw}`;
          runs.push({
            selection,
            treatment,
            fraction,
            draw,
            chosenLatentCount: chosen.length,
            missingPredictionCount: source ? chosen.reduce((n, l) => n + source.missingByLatent[l], 0) : 0,
            reusedForwardPass: reused,
            ceNats,
            summary: summarize(ceNats, label),
          });
          progress(label);
        }
      }
    }
  }

  const summaries: RewriteSummary[] = [];
  for (const selection of config.selections) {
    for (const treatment of treatments) {
      for (const fraction of config.fractions) {
        const cell = runs.filter((r) => r.selection === selection && r.treatment === treatment && r.fraction === fraction);
        const summary =
          cell.length === 1
            ? cell[0].summary
            : summarizeCeIncreaseOverDraws(
                cell.map((r) => r.ceNats),
                cleanCeNats,
                createSeededRng(derivedSeed(config.seed, `bootstrap/${selection}/${treatment}/${fraction}/pooled`)),
                bootstrap,
              );
        summaries.push({
          selection,
          treatment,
          fraction,
          drawCount: cell.length,
          summary,
          drawMeanIncreaseNats: cell.map((r) => r.summary.meanIncreaseNats.estimate),
          drawMedianAbsoluteDifferenceNats: cell.map((r) => r.summary.medianAbsoluteDifferenceNats.estimate),
        });
      }
    }
  }

  const scores = { detection: inputs.detectionScores, fuzzing: inputs.fuzzingScores };
  const unscored = (s: Float64Array) => s.filter((x) => Number.isNaN(x)).length;
  return {
    config,
    coderKind: coder.kind,
    numLatents,
    k,
    promptCount,
    unscoredLatentCount: { detection: unscored(scores.detection), fuzzing: unscored(scores.fuzzing) },
    calibrations: predicted.map(({ set, activations, missingCount, missingByLatent }) => ({
      ...describeCalibration(set),
      missingPredictionCount: missingCount,
      missingByLatent,
      quality: explanationQuality(topKRows(activations, numLatents, k), trueTopK, numLatents, k, scores, edges),
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
    summaries,
    forwardPassCount: forwardCache.forwardPassCount,
  };
}

/** [P·d] → every prompt's row replaced by the mean row over the P prompts (mean ablation of the patch target). */
export function meanAblationPatch(cleanPatchTarget: Float32Array, promptCount: number): Float32Array {
  const d = cleanPatchTarget.length / promptCount;
  if (!Number.isInteger(d) || d < 1) throw new Error(`a clean patch target of ${cleanPatchTarget.length} values is not [${promptCount} prompts × d]`);
  const meanRow = new Float64Array(d);
  for (let p = 0; p < promptCount; p++) for (let c = 0; c < d; c++) meanRow[c] += cleanPatchTarget[p * d + c] / promptCount;
  const out = new Float32Array(promptCount * d);
  for (let p = 0; p < promptCount; p++) out.set(meanRow, p * d);
  return out;
}
