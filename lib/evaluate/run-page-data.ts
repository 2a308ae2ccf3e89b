// What the run pages show, as plain serialisable data: the list of stored runs, and one run's Fig. 3 table (in the
// chosen statistic and ranking), its verdict against zero ablation, explanation quality by score bin (Fig. 4 /
// A4), the App. B study and the run's config and inputs.
import type { RewriteDatabase } from "@/db/client";
import { listEvaluationRuns } from "@/db/evaluation-runs";
import type { ScoreBin } from "@/lib/core/score-bins";
import type { RewriteEvaluationConfig } from "./evaluation-config";
import type { StoredEvaluationRun } from "./evaluation-run-store";
import { evaluationRunExtras, type EvaluationRunExtras } from "./evaluation-stage";
import { figure3Table, type Figure3Statistic, type Figure3Table } from "./figure3-table";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
import { describeZeroAblationVerdict, zeroAblationVerdicts } from "./zero-ablation-verdict";

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

export interface CalibrationQualityView {
  mode: string;
  target?: string;
  estimator?: string;
  contextCount?: number;
  unfittedLatentCount: number;
  missingPredictionCount: number;
  meanSensitivity: number;
  meanSpecificity: number;
  byDetectionScore: ScoreBinQuality[];
  byFuzzingScore: ScoreBinQuality[];
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
  calibrations: CalibrationQualityView[];
  extras: EvaluationRunExtras | null;
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
    // The verdict is about means, the quantity whose CI answers "is the loss lower on average".
    verdict: describeZeroAblationVerdict(zeroAblationVerdicts(figure3Table(result, { ...options, statistic: "mean" }))),
    calibrations: result.calibrations.map((c) => ({
      mode: c.mode,
      target: c.target,
      estimator: c.estimator,
      contextCount: c.contextCount,
      unfittedLatentCount: c.unfittedLatentCount,
      missingPredictionCount: c.missingPredictionCount,
      meanSensitivity: c.quality.meanSensitivity,
      meanSpecificity: c.quality.meanSpecificity,
      byDetectionScore: pairBins(c.quality.byDetectionScore.sensitivity, c.quality.byDetectionScore.specificity),
      byFuzzingScore: pairBins(c.quality.byFuzzingScore.sensitivity, c.quality.byFuzzingScore.specificity),
    })),
    extras: evaluationRunExtras(result) ?? null,
  };
}
