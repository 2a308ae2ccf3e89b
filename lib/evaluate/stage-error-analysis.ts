// What the evaluation stage measures beyond Fig. 3, walking the prompt blocks again: the error decomposition
// (error-decomposition.ts) and the fix-first ledger (latent-ledger.ts) of the calibrated rewrite, with the
// per-latent facts the ledger sets beside them, and each prompt's next tokens under the full rewrite.
import { predictedActivations, type QuantileCalibrationSet } from "@/lib/calibrate";
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import type { TopTokens } from "@/lib/core/top-tokens";
import { topKRows } from "@/lib/core/topk";
import { runErrorDecomposition, type ErrorDecomposition } from "./error-decomposition";
import { latentLedger, type LatentLedger } from "./latent-ledger";
import { topScoringOrder } from "./latent-selection";
import type { LatentSimulationStats } from "./latent-simulation-stats";
import type { PromptBlocks } from "./prompt-blocks";
import { CLEAN_TOP_TOKENS } from "./prompt-clean-runs";
import { proxyAgreement, type ProxyAgreement } from "./proxy-agreement";
import type { SimulatedContextFacts } from "./simulated-context-quality";
import type { PredictionRows } from "./sparse-predictions";

export interface StageErrorAnalysisInputs {
  /** The test prompts, block by block (prompt-blocks.ts). */
  readonly blocks: PromptBlocks;
  /** C: the calibration contexts that come first in rawPredictions. */
  readonly calibrationContextCount: number;
  /** (C + P) rows of raw predictions, calibration contexts first; NaN = missing. */
  readonly rawPredictions: PredictionRows;
  readonly calibration: QuantileCalibrationSet;
  /** Typical magnitudes and per-latent stats over the C + P contexts (simulated-context-quality.ts). */
  readonly contextFacts: Pick<SimulatedContextFacts, "typicalMagnitude" | "stats">;
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
  const { blocks, rawPredictions, calibration, contextFacts: contexts } = inputs;
  const calibrationRows = inputs.calibrationContextCount;
  // Missing predictions rewrite as predicted inactive (0), as in Fig. 3.
  const simulatedRows = (start: number, size: number) =>
    predictedActivations(calibration, rawPredictions.rows(calibrationRows + start, calibrationRows + start + size)).activations;
  const errorDecomposition = await runErrorDecomposition(
    settings,
    {
      blocks,
      simulatedRows,
      typicalMagnitude: contexts.typicalMagnitude,
      order: topScoringOrder(inputs.detectionScores),
      cleanCeNats: inputs.cleanCeNats,
    },
    (done, total) => onProgress("error decomposition", done, total),
  );
  const ledger = await latentLedger(settings, { blocks, simulatedRows }, (done, total) => onProgress("ledger", done, total));
  const explained = Uint32Array.from(inputs.explained, (e) => (e ? 1 : 0));
  const proxies = { detection: inputs.detectionScores, fuzzing: inputs.fuzzingScores, correlation: contexts.stats.correlation };
  return {
    errorDecomposition,
    ledger: {
      ...ledger,
      ...contexts.stats,
      explained,
      detectionScores: inputs.detectionScores,
      fuzzingScores: inputs.fuzzingScores,
      proxyAgreement: proxyAgreement({ oracleGainNats: ledger.oracleGain.meanNats, explained, proxies }, settings.seed, settings.bootstrap),
    },
    promptOutputs: await promptOutputs(inputs, simulatedRows),
  };
}

async function promptOutputs(inputs: StageErrorAnalysisInputs, simulatedRows: (start: number, size: number) => Float32Array): Promise<PromptOutputs | undefined> {
  const { blocks, prompts, cleanTopTokens } = inputs;
  if (!cleanTopTokens) return undefined;
  const n = CLEAN_TOP_TOKENS;
  const rewritten = { ids: new Int32Array(blocks.promptCount * n), probs: new Float32Array(blocks.promptCount * n) };
  let haveLogits = true;
  await blocks.forEachBlock(async ({ start, size, coder }) => {
    if (!coder.lastTokenTopTokensOfRows) return void (haveLogits = false);
    const full = topKRows(simulatedRows(start, size), blocks.numLatents, blocks.k);
    const top = await coder.lastTokenTopTokensOfRows(Int32Array.from({ length: size }, (_, p) => p), full.indices, full.values, n);
    rewritten.ids.set(top.ids, start * n);
    rewritten.probs.set(top.probs, start * n);
  });
  if (!haveLogits) return undefined;
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
