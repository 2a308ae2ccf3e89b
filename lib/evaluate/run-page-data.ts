// What the run pages show, as plain serialisable data: the list of stored runs, and one run's Fig. 3 table (in the
// chosen statistic and ranking), its paired verdicts against the references, explanation quality by score bin
// (Fig. 4 / A4), the App. B study, the protocol choices and the run's config and inputs.
import type { RewriteDatabase } from "@/db/client";
import { listEvaluationRuns } from "@/db/evaluation-runs";
import type { ScoreBin } from "@/lib/core/score-bins";
import type { RewriteEvaluationConfig } from "./evaluation-config";
import type { StoredEvaluationRun } from "./evaluation-run-store";
import { errorDecompositionView, type ErrorDecompositionView } from "./error-decomposition-view";
import { evaluationRunExtras, type EvaluationRunExtras } from "./evaluation-stage";
import { figure3Table, type Figure3Statistic, type Figure3Table } from "./figure3-table";
import { worstPrompts, type PromptLoss } from "./prompt-costs";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
import { describePairedVerdicts, pairedVerdicts, referenceBaselines, type PairedVerdict } from "./reference-verdict";
import { runProtocol, type ProtocolChoice } from "./run-protocol";
import type { ExplanationQuality } from "./explanation-quality";

/** Prompts listed on the run page as "where the loss went". */
const WORST_PROMPT_COUNT = 10;

export interface RunListItem {
  id: number;
  createdAt: string;
  seed: number;
  promptCount: number;
  simulatorId: string;
  inputs: Record<string, string>;
}

export function listRunItems(db: RewriteDatabase, limit = 100): RunListItem[] {
  return listEvaluationRuns(db, { limit })
    .filter((row) => row.status === "done")
    .map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      seed: row.seed,
      promptCount: row.promptCount,
      simulatorId: row.simulatorId,
      inputs: (JSON.parse(row.configJson) as { inputs: Record<string, string> }).inputs,
    }));
}

export interface ScoreBinQuality {
  lower: number;
  upper: number;
  count: number;
  sensitivity: { mean: number; standardError: number };
  specificity: { mean: number; standardError: number };
}

export interface QualityView {
  meanSensitivity: number;
  meanSpecificity: number;
  byDetectionScore: ScoreBinQuality[];
  byFuzzingScore: ScoreBinQuality[];
}

export interface CalibrationQualityView extends QualityView {
  mode: string;
  target?: string;
  estimator?: string;
  tieRule?: string;
  contextCount?: number;
  unfittedLatentCount: number;
  missingPredictionCount: number;
}

export interface RunPageData {
  id: string;
  inputs: Record<string, string>;
  config: RewriteEvaluationConfig;
  coderKind: "transcoder" | "sae";
  numLatents: number;
  k: number;
  promptCount: number;
  forwardPassCount: number;
  unscoredLatentCount: { detection: number; fuzzing: number };
  table: Figure3Table;
  verdict: string;
  /** Top-scoring calibrated rewriting vs each meaningful reference, per fraction (paired bootstrap). */
  pairedVerdicts?: PairedVerdict[];
  /** Absent (with pairedVerdicts and preTopKQuality) in snapshots shared before they were recorded. */
  protocol?: ProtocolChoice[];
  /** §3.1 / Fig. 4 before TopK on every simulated context; null for runs stored before it was measured. */
  preTopKQuality?: { contextCount: number; rawActiveAbove: number; raw: QualityView; calibrated: QualityView } | null;
  calibrations: CalibrationQualityView[];
  /** "Where the loss comes from"; null for runs stored before it was measured (absent in older snapshots). */
  errorDecomposition?: ErrorDecompositionView | null;
  /** Without the per-latent and per-prompt arrays (summarised above), so pages and snapshots stay small. */
  extras: Omit<EvaluationRunExtras, "preTopKQuality" | "errorDecomposition" | "ledger" | "promptOutputs"> | null;
  /** Whether the run has a fix-first ledger (/runs/<id>/ledger); absent in older snapshots. */
  hasLedger?: boolean;
  /** The prompts the full rewrite hurts most, when the run kept per-prompt outputs (/runs/<id>/prompts/<p>). */
  worstPrompts?: PromptLoss[] | null;
}

function pairBins(sensitivity: readonly ScoreBin[], specificity: readonly ScoreBin[]): ScoreBinQuality[] {
  return sensitivity.map((bin, i) => ({
    lower: bin.lower,
    upper: bin.upper,
    count: bin.count + bin.undefinedCount,
    sensitivity: { mean: bin.mean, standardError: bin.standardError },
    specificity: { mean: specificity[i].mean, standardError: specificity[i].standardError },
  }));
}

function qualityView(quality: ExplanationQuality): QualityView {
  return {
    meanSensitivity: quality.meanSensitivity,
    meanSpecificity: quality.meanSpecificity,
    byDetectionScore: pairBins(quality.byDetectionScore.sensitivity, quality.byDetectionScore.specificity),
    byFuzzingScore: pairBins(quality.byFuzzingScore.sensitivity, quality.byFuzzingScore.specificity),
  };
}

export async function loadRunPageData(
  db: RewriteDatabase,
  id: string,
  options: { statistic?: Figure3Statistic; topSelection?: "top-detection" | "top-fuzzing" } = {},
): Promise<RunPageData | undefined> {
  const stored = await new SqliteEvaluationRunStore(db).load(id);
  return stored ? runPageDataOf(stored, id, options) : undefined;
}

/** One stored run as a run page shows it, in the chosen statistic and ranking. */
export function runPageDataOf(
  stored: StoredEvaluationRun,
  id: string,
  options: { statistic?: Figure3Statistic; topSelection?: "top-detection" | "top-fuzzing" } = {},
): RunPageData {
  const { result } = stored;
  const paired = pairedVerdicts(result, options.topSelection ?? "top-detection");
  const extras = evaluationRunExtras(result);
  const preTopK = extras?.preTopKQuality;
  return {
    id,
    inputs: { ...stored.inputRefs },
    config: result.config,
    coderKind: result.coderKind,
    numLatents: result.numLatents,
    k: result.k,
    promptCount: result.promptCount,
    forwardPassCount: result.forwardPassCount,
    unscoredLatentCount: result.unscoredLatentCount,
    table: figure3Table(result, options),
    // The verdict is about means of paired differences: "is the loss lower on average, prompt by prompt".
    verdict: describePairedVerdicts(paired),
    pairedVerdicts: paired,
    protocol: runProtocol({
      config: result.config,
      coderKind: result.coderKind,
      promptCount: result.promptCount,
      inputs: stored.inputRefs,
      calibrations: result.calibrations,
      references: referenceBaselines(result),
    }),
    preTopKQuality: preTopK
      ? { contextCount: preTopK.contextCount, rawActiveAbove: preTopK.rawActiveAbove, raw: qualityView(preTopK.raw), calibrated: qualityView(preTopK.calibrated) }
      : null,
    calibrations: result.calibrations.map((c) => ({
      mode: c.mode,
      target: c.target,
      estimator: c.estimator,
      tieRule: c.tieRule,
      contextCount: c.contextCount,
      unfittedLatentCount: c.unfittedLatentCount,
      missingPredictionCount: c.missingPredictionCount,
      ...qualityView(c.quality),
    })),
    errorDecomposition: extras?.errorDecomposition ? errorDecompositionView(extras.errorDecomposition, options.statistic ?? "mean") : null,
    extras: extras ? withoutArrays(extras) : null,
    hasLedger: extras?.ledger !== undefined,
    worstPrompts: extras?.ledger && extras.promptOutputs ? worstPrompts(result.baselines.cleanCeNats, extras.ledger, WORST_PROMPT_COUNT) : null,
  };
}

function withoutArrays(extras: EvaluationRunExtras): Omit<EvaluationRunExtras, "preTopKQuality" | "errorDecomposition" | "ledger" | "promptOutputs"> {
  const { preTopKQuality: _perLatent, errorDecomposition: _perPrompt, ledger: _ledger, promptOutputs: _outputs, ...rest } = extras;
  return rest;
}
