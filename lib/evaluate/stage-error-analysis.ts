// What the evaluation stage measures beyond Fig. 3, while the prompts' clean runs and every simulation are in
// memory: the error decomposition (error-decomposition.ts) and the fix-first ledger (latent-ledger.ts) of the
// calibrated rewrite, with the per-latent facts the ledger sets beside them.
import { calibrateRawPrediction, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import type { TopTokens } from "@/lib/core/top-tokens";
import { topKRows } from "@/lib/core/topk";
import type { CoderAdapter } from "./coder-adapter";
import { typicalSimulatedMagnitudes } from "./decomposition-variants";
import { runErrorDecomposition, type ErrorDecomposition } from "./error-decomposition";
import { latentLedger, type LatentLedger } from "./latent-ledger";
import { topScoringOrder } from "./latent-selection";
import { latentSimulationStats, type LatentSimulationStats } from "./latent-simulation-stats";
import { CLEAN_TOP_TOKENS } from "./pack-coder-adapter";
import { proxyAgreement, type ProxyAgreement } from "./proxy-agreement";

export interface StageErrorAnalysisInputs {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations on the prompts, and [P·L] the same after TopK. */
  readonly trueActivations: Float32Array;
  readonly trueAfterTopK: Float32Array;
  /** [C·L] the true TopK activations on the calibration contexts. */
  readonly calibrationTrueAfterTopK: Float32Array;
  /** [(C + P)·L] raw predictions, calibration contexts first; NaN = missing. */
  readonly rawPredictions: Float64Array;
  readonly calibration: QuantileCalibrationSet;
  readonly explained: readonly boolean[];
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
  readonly cleanCeNats: Float64Array;
  /** The test prompts ([P·T] ids, [P] next tokens) and the clean model's most likely next tokens there. */
  readonly prompts: { readonly ids: Int32Array; readonly promptLength: number; readonly nextTokens: Int32Array };
  readonly cleanTopTokens?: TopTokens;
  readonly tokenText: (id: number) => string;
}

/** The ledger as stored with a run: the causal measures and the run's scores (no timing: a run reproduces exactly; `bench ledger` times it). */
export interface StageLedger extends LatentLedger, LatentSimulationStats {
  /** 1 where the latent had an explanation (so was simulated), else 0. */
  readonly explained: Uint32Array;
  readonly detectionScores: Float64Array;
  readonly fuzzingScores: Float64Array;
  /** Spearman ρ of detection, fuzzing and correlation with the oracle gain (proxy-agreement.ts). */
  readonly proxyAgreement: readonly ProxyAgreement[];
}

/** Per test prompt: its tokens and what the clean and the fully rewritten model predict next. */
export interface PromptOutputs {
  readonly promptLength: number;
  /** [P·T] the prompts' token ids; [P] the token each should predict. */
  readonly tokenIds: Int32Array;
  readonly targetIds: Int32Array;
  readonly clean: TopTokens;
  /** Every latent rewritten, calibrated (Fig. 3's fraction 1). */
  readonly rewritten: TopTokens;
  /** The text of every token id above, so the view needs no tokenizer. */
  readonly vocabulary: { readonly ids: Int32Array; readonly texts: readonly string[] };
}

export interface StageErrorAnalysis {
  readonly errorDecomposition: ErrorDecomposition;
  readonly ledger: StageLedger;
  /** Absent when the runtime gives no logits. */
  readonly promptOutputs?: PromptOutputs;
}

export type ErrorAnalysisStep = "error decomposition" | "ledger";

export async function stageErrorAnalysis(
  settings: { readonly seed: number; readonly fractions: readonly number[]; readonly bootstrap: BootstrapOptions },
  inputs: StageErrorAnalysisInputs,
  onProgress: (step: ErrorAnalysisStep, done: number, total: number) => void,
): Promise<StageErrorAnalysis> {
  const numLatents = inputs.coder.numLatents;
  const calibrated = Float32Array.from(inputs.rawPredictions, (raw, i) =>
    Number.isNaN(raw) ? Number.NaN : calibrateRawPrediction(inputs.calibration, i % numLatents, raw),
  );
  const truth = new Float32Array(calibrated.length);
  truth.set(inputs.calibrationTrueAfterTopK);
  truth.set(inputs.trueAfterTopK, inputs.calibrationTrueAfterTopK.length);
  const promptsStart = inputs.calibrationTrueAfterTopK.length;
  // Missing predictions rewrite as predicted inactive (0), as in Fig. 3.
  const simulated = Float32Array.from(calibrated.subarray(promptsStart), (x) => (Number.isNaN(x) ? 0 : x));
  const errorDecomposition = await runErrorDecomposition(
    settings,
    {
      coder: inputs.coder,
      trueActivations: inputs.trueActivations,
      trueAfterTopK: inputs.trueAfterTopK,
      simulated,
      typicalMagnitude: typicalSimulatedMagnitudes(calibrated, truth, numLatents),
      order: topScoringOrder(inputs.detectionScores),
      cleanCeNats: inputs.cleanCeNats,
    },
    (done, total) => onProgress("error decomposition", done, total),
  );
  const ledger = await latentLedger(settings, { coder: inputs.coder, trueAfterTopK: inputs.trueAfterTopK, simulated }, (done, total) => onProgress("ledger", done, total));
  const stats = latentSimulationStats(inputs.rawPredictions, truth, numLatents);
  const explained = Uint32Array.from(inputs.explained, (e) => (e ? 1 : 0));
  const proxies = { detection: inputs.detectionScores, fuzzing: inputs.fuzzingScores, correlation: stats.correlation };
  return {
    errorDecomposition,
    ledger: {
      ...ledger,
      ...stats,
      explained,
      detectionScores: inputs.detectionScores,
      fuzzingScores: inputs.fuzzingScores,
      proxyAgreement: proxyAgreement({ oracleGainNats: ledger.oracleGain.meanNats, explained, proxies }, settings.seed, settings.bootstrap),
    },
    promptOutputs: await promptOutputs(inputs, simulated),
  };
}

async function promptOutputs(inputs: StageErrorAnalysisInputs, simulated: Float32Array): Promise<PromptOutputs | undefined> {
  const { coder, prompts, cleanTopTokens } = inputs;
  if (!cleanTopTokens || !coder.lastTokenTopTokensOfRows) return undefined;
  const full = topKRows(simulated, coder.numLatents, coder.k);
  const everyPrompt = Int32Array.from(prompts.nextTokens, (_, p) => p);
  const rewritten = await coder.lastTokenTopTokensOfRows(everyPrompt, full.indices, full.values, CLEAN_TOP_TOKENS);
  const ids = Int32Array.from(new Set([...prompts.ids, ...prompts.nextTokens, ...cleanTopTokens.ids, ...rewritten.ids])).sort();
  return {
    promptLength: prompts.promptLength,
    tokenIds: prompts.ids,
    targetIds: prompts.nextTokens,
    clean: cleanTopTokens,
    rewritten,
    vocabulary: { ids, texts: Array.from(ids, (id) => inputs.tokenText(id)) },
  };
}
