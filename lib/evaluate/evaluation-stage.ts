// The evaluation stage end to end (§2.1–§2.3, App. B): held-out prompts → clean runs → simulation of every
// explained latent on the calibration contexts and the prompts → per-latent calibration → Fig. 3's rewrite
// evaluation → a stored run per calibration target, each carrying the 1K-vs-10K style sample-size study.
import { createHash } from "node:crypto";
import type { ActivationCache } from "@/lib/cache/activation-cache";
import { allZeroLiveLatents, fitQuantileCalibration, type CalibrationTarget, type CalibrationTargetKind, type LinearCalibrationSet } from "@/lib/calibrate";
import { derivedSeed } from "@/lib/core/derived-seed";
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import { documentTokenizer, type CorpusDocumentContent } from "@/lib/corpus/pack-corpus";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { HookedGptNeoX } from "@/lib/model/hooked-model";
import { contextsEndingAt } from "@/lib/simulate";
import { MAX_SIMULATED_LEVEL } from "@/lib/simulate";
import { cacheTargetSample, calibrationSample } from "./calibration-contexts";
import type { EvaluationRunStore } from "./evaluation-run-store";
import { checkEvaluationStageSettings, type EvaluationStageSettings } from "./evaluation-settings";
import { heldoutPromptContexts, heldoutPrompts } from "./heldout-prompts";
import { packPromptBlocks } from "./pack-prompt-blocks";
import { perPromptOverBlocks } from "./prompt-blocks";
import { runRewriteEvaluation, type RewriteEvaluationResult } from "./rewrite-evaluation";
import { simulatedContextFacts, type PreTopKQuality } from "./simulated-context-quality";
import { sampleSizeStudy, type SampleSizeStudySummary } from "./stage-sample-size-study";
import { simulationMatrix, type PredictRaw } from "./simulation-matrix";
import { predictionRowWindow } from "./sparse-predictions";
import { stageErrorAnalysis, type ErrorAnalysisStep, type StageErrorAnalysis } from "./stage-error-analysis";

export interface EvaluationModel {
  readonly model: HookedGptNeoX;
  readonly coder: SparseCoder;
  readonly tokenize: (text: string) => ArrayLike<number>;
  readonly tokenText: (id: number) => string;
  /** End-of-text id placed before each document. */
  readonly separatorId: number;
}

/** Per latent (index = latent): the current explanation and its detection / fuzzing balanced accuracy (NaN = none). */
export interface LatentRewriteInputs {
  readonly explanations: readonly (string | null)[];
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
}

export interface EvaluationStageInputs {
  readonly model: EvaluationModel;
  readonly cache: { readonly id: number; readonly hookpoint: string; readonly packIdentity: string; readonly activations: ActivationCache };
  /** The corpus's held-out documents, and a hash of the corpus they came from. */
  readonly heldout: { readonly documents: readonly CorpusDocumentContent[]; readonly corpusSha256: string };
  readonly latents: LatentRewriteInputs;
  readonly simulatorId: string;
  readonly predictRaw: PredictRaw;
}

/** What a stage run adds to the rewrite evaluation's result. */
export interface EvaluationRunExtras {
  readonly calibrationTarget: CalibrationTargetKind;
  readonly simulatedLatentCount: number;
  /** Simulations of explained latents that failed, on the calibration contexts and the prompts together. */
  readonly failedPredictionCount: number;
  readonly heldoutChunkCount: number;
  readonly sampleSizeStudy: readonly SampleSizeStudySummary[];
  /** §3.1 / Fig. 4 before the rewrite's TopK, raw and calibrated, on every simulated context. */
  readonly preTopKQuality?: PreTopKQuality;
  /** Live latents (active in the target) whose calibrated predictions are all 0, under this run's tie rule and mid-rank. */
  readonly calibrationErasure?: {
    readonly tieRule: string;
    readonly liveLatentCount: number;
    readonly allZeroLatentCount: number;
    readonly allZeroLatentCountMidRank: number;
  };
  /** Where the calibrated rewrite's loss comes from (§3.1); absent in runs stored before it was measured. */
  readonly errorDecomposition?: StageErrorAnalysis["errorDecomposition"];
  /** The fix-first ledger of the calibrated rewrite; absent in runs stored before it was measured. */
  readonly ledger?: StageErrorAnalysis["ledger"];
  /** Per test prompt, what the clean and the fully rewritten model predict next; absent in older runs. */
  readonly promptOutputs?: StageErrorAnalysis["promptOutputs"];
}

export type { SampleSizeStudySummary };

export type EvaluationStageResult = RewriteEvaluationResult & { readonly extras: EvaluationRunExtras };

export type EvaluationStep = "clean runs" | "simulation" | "calibration" | "evaluation" | ErrorAnalysisStep | "sample-size study";

export interface EvaluationStageOptions {
  onProgress?: (step: EvaluationStep, done: number, total: number) => void;
  signal?: AbortSignal;
  /** Prompts per forward pass. */
  batchSize?: number;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** What a run read, as the strings stored with it: equal refs + config = the same numbers. */
export function evaluationRunInputRefs(inputs: EvaluationStageInputs, settings: EvaluationStageSettings, target: CalibrationTargetKind): Record<string, string> {
  const { latents } = inputs;
  const point = parseHookpoint(inputs.cache.hookpoint);
  return {
    packIdentity: inputs.cache.packIdentity,
    cacheId: String(inputs.cache.id),
    hookpoint: point.name,
    coderKind: point.kind === "mlp" ? "transcoder" : "sae",
    cacheTokens: String(inputs.cache.activations.numTokens),
    simulatorId: inputs.simulatorId,
    explanationsSha256: sha256(JSON.stringify([latents.explanations, Array.from(latents.detectionScores), Array.from(latents.fuzzingScores)])),
    corpusSha256: inputs.heldout.corpusSha256,
    promptCount: String(settings.promptCount),
    promptLength: String(settings.promptLength),
    windowLength: String(settings.windowLength),
    calibrationContextCount: String(settings.calibrationContextCount),
    calibrationTarget: target,
    estimator: settings.estimator,
    tieRule: settings.tieRule,
    sampleSizes: settings.sampleSizes.join(","),
    // Runs stored before these analyses lack them, so they are not reused as equal.
    errorAnalysis: "decomposition+ledger+proxies+prompts",
  };
}

export async function runEvaluationStage(
  inputs: EvaluationStageInputs,
  settings: EvaluationStageSettings,
  store: EvaluationRunStore,
  options: EvaluationStageOptions = {},
): Promise<{ runId: string; result: EvaluationStageResult }[]> {
  checkEvaluationStageSettings(settings);
  const { model, cache, latents } = inputs;
  const { seed } = settings.evaluation;
  const numLatents = model.coder.config.numLatents;
  if (latents.explanations.length !== numLatents) throw new Error(`${latents.explanations.length} explanations for a coder of ${numLatents} latents`);
  const progress = options.onProgress ?? (() => {});

  const prompts = heldoutPrompts(inputs.heldout.documents, {
    tokenize: documentTokenizer(model.tokenize),
    separatorId: model.separatorId,
    promptCount: settings.promptCount,
    promptLength: settings.promptLength,
    seed: derivedSeed(seed, "heldout-prompts"),
  });
  const clean = await packPromptBlocks(model.model, model.coder, cache.hookpoint, prompts, {
    batchSize: options.batchSize,
    signal: options.signal,
    onProgress: (done, total) => progress("clean runs", done, total),
  });
  const { blocks } = clean;
  const zeroAblationCeNats = await perPromptOverBlocks(blocks, ({ coder, size }) => coder.lastTokenCe(new Float32Array(size * model.model.config.hidden_size)));

  const C = settings.calibrationContextCount;
  const sample = calibrationSample(cache.activations, C, settings.windowLength, derivedSeed(seed, "calibration-contexts"));
  const contexts = [
    ...contextsEndingAt({ cacheId: cache.id, cache: cache.activations }, sample.positions, settings.windowLength, model.tokenText),
    ...heldoutPromptContexts(prompts, settings.windowLength, model.tokenText),
  ];
  const matrix = await simulationMatrix(latents.explanations, contexts, inputs.predictRaw, {
    signal: options.signal,
    onProgress: (done, total) => progress("simulation", done, total),
  });
  // Rows [0, C) are the calibration contexts, the rest the evaluation prompts; only the former are read dense.
  const calibrationRaw = matrix.rawPredictions.rows(0, C);
  const promptRaw = predictionRowWindow(matrix.rawPredictions, C, prompts.promptCount);
  // The paper code's linear map 0..9 → 0..max activation (fitLinearCalibration's record, with the max from one CSR pass).
  const linear: LinearCalibrationSet = { mode: "uncalibrated-linear", maxRawPrediction: MAX_SIMULATED_LEVEL, maxActivationByLatent: sample.maxActivationByLatent };

  const stored: { runId: string; result: EvaluationStageResult }[] = [];
  for (const [t, targetKind] of settings.calibrationTargets.entries()) {
    const target: CalibrationTarget =
      targetKind === "cache" ? { kind: "cache", sampleOfLatent: cacheTargetSample(cache.activations) } : { kind: "prompts", activationsAfterTopK: sample.activationsAfterTopK };
    const quantile = fitQuantileCalibration(calibrationRaw, numLatents, target, { estimator: settings.estimator, tieRule: settings.tieRule });
    const erased = allZeroLiveLatents(quantile);
    const erasedMidRank =
      settings.tieRule === "mid-rank" ? erased : allZeroLiveLatents(fitQuantileCalibration(calibrationRaw, numLatents, target, { estimator: settings.estimator, tieRule: "mid-rank" }));
    progress("calibration", t + 1, settings.calibrationTargets.length);
    const scores = { detection: latents.detectionScores, fuzzing: latents.fuzzingScores };
    const { rawActiveThreshold, scoreBinEdges } = settings.evaluation;
    const contextFacts = await simulatedContextFacts(
      { blocks, rawPredictions: matrix.rawPredictions, calibrationTrueAfterTopK: sample.activationsAfterTopK, calibration: quantile },
      { rawActiveAbove: rawActiveThreshold, scores, scoreBinEdges },
    );
    const rewriteInputs = {
      blocks,
      rawPredictions: promptRaw,
      calibrations: [quantile, linear],
      cleanCeNats: clean.cleanCeNats,
      zeroAblationCeNats,
      detectionScores: latents.detectionScores,
      fuzzingScores: latents.fuzzingScores,
    };
    const result = await runRewriteEvaluation(settings.evaluation, rewriteInputs, (p) => progress("evaluation", p.done, p.total));
    const { fractions, bootstrapResamples, ciLevel } = settings.evaluation;
    const analysis = await stageErrorAnalysis(
      { seed, fractions, bootstrap: { resamples: bootstrapResamples, level: ciLevel } },
      { ...rewriteInputs, rawPredictions: matrix.rawPredictions, calibrationContextCount: C, calibration: quantile, contextFacts, explained: latents.explanations.map((e) => e !== null), prompts, cleanTopTokens: clean.cleanTopTokens, tokenText: model.tokenText },
      progress,
    );
    progress("sample-size study", 0, settings.sampleSizes.length);
    const calibratedTopDetection = (run: RewriteEvaluationResult) =>
      run.summaries.filter((s) => s.selection === "top-detection" && s.treatment === "calibrated-quantile").map(({ fraction, summary }) => ({ fraction, summary }));
    const study = await sampleSizeStudy(settings, { target, calibrationRaw, promptRaw, numLatents }, async (calibration, sampleSize) => {
      // Every calibration context is the main fit itself (the fit ignores row order): its cells, seeds and CIs are the run's own.
      if (sampleSize === C && settings.evaluation.selections.includes("top-detection")) return calibratedTopDetection(result);
      return calibratedTopDetection(await runRewriteEvaluation({ ...settings.evaluation, selections: ["top-detection"] }, { ...rewriteInputs, calibrations: [calibration] }));
    });
    progress("sample-size study", settings.sampleSizes.length, settings.sampleSizes.length);
    const extras: EvaluationRunExtras = {
      calibrationTarget: targetKind,
      simulatedLatentCount: matrix.simulatedLatentCount,
      failedPredictionCount: matrix.failedCount,
      heldoutChunkCount: prompts.availableChunks,
      sampleSizeStudy: study,
      preTopKQuality: contextFacts.preTopKQuality,
      errorDecomposition: analysis.errorDecomposition,
      ledger: analysis.ledger,
      promptOutputs: analysis.promptOutputs,
      calibrationErasure: {
        tieRule: settings.tieRule,
        liveLatentCount: erased.live,
        allZeroLatentCount: erased.allZero,
        allZeroLatentCountMidRank: erasedMidRank.allZero,
      },
    };
    const full: EvaluationStageResult = { ...result, extras };
    const runId = await store.save({ inputRefs: evaluationRunInputRefs(inputs, settings, targetKind), result: full });
    stored.push({ runId, result: full });
  }
  return stored;
}

/** The stage's extras of a stored result, when it was written by this stage. */
export function evaluationRunExtras(result: RewriteEvaluationResult): EvaluationRunExtras | undefined {
  return (result as Partial<EvaluationStageResult>).extras;
}
