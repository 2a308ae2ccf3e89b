// What the latent explorer shows, as plain JSON (no typed arrays, no Dates): one explanation version with its
// scores and its simulation's charts and metrics. The page, the API and a shared snapshot all carry this shape.
import type { CdfStep } from "./activation-cdf";
import type { QuantileMapData } from "./quantile-map-data";
import type { VersionComparison } from "./version-comparison";

/** Longer than any one-sentence explanation (§2); the editor and the API both enforce it. */
export const MAX_EXPLANATION_CHARS = 1000;

export interface SimulatorInfo {
  /** "llm:<model>" or "lexical-baseline". */
  readonly id: string;
  readonly kind: "llm" | "baseline";
  /** Words a reader cannot mistake: a baseline is never presented as an LLM. */
  readonly label: string;
}

/** §2.3 with only this latent rewritten: the mean CE change against the coder alone on the evaluation prompts. */
export interface RewriteImpactData {
  readonly meanCeChangeNats: number;
  readonly promptCount: number;
  /** Prompts whose TopK changed (elsewhere the change is exactly 0). */
  readonly changedPromptCount: number;
  readonly missingPredictionCount: number;
  /**
   * "development": held-out prompts disjoint from the test prompts of run `testRunId`. Results stored before
   * development prompts existed lack it and were measured on run `evaluationRunId`'s test prompts.
   */
  readonly promptSet?: "development";
  readonly testRunId?: number | null;
  readonly evaluationRunId?: number | null;
  /** Per development prompt, rewritten − transcoder alone (nats), and which prompt set: what a paired A/B reads. */
  readonly ceChangeNats?: readonly number[];
  readonly promptSetKey?: string;
}

/** Per context, in simulation order: what a paired A/B of two versions reads (absent in results stored before it). */
export interface PairedSimulationData {
  /** Names the contexts (cache, window, token positions): two versions pair only on the same key. */
  readonly contextKey: string;
  readonly truth: readonly number[];
  /** null = a failed prediction. */
  readonly raw: readonly (number | null)[];
  readonly calibrated: readonly (number | null)[];
}

export interface ExplanationSimulationResult {
  readonly format: "rewrite-explanation-simulation";
  readonly version: 1;
  readonly latent: number;
  readonly simulator: SimulatorInfo;
  readonly contextCount: number;
  /** Of contextCount: drawn uniformly (the calibration sample) vs from the latent's active quantiles. */
  readonly uniformContextCount: number;
  readonly activeContextCount: number;
  readonly failedCount: number;
  /** Over the simulated contexts (failures left out of predicted / calibrated). */
  readonly cdfs: { readonly true: CdfStep[]; readonly predicted: CdfStep[]; readonly calibrated: CdfStep[] };
  readonly quantileMap: QuantileMapData | null;
  /** Pearson r of raw predictions vs true activations; null when either side is constant. */
  readonly correlation: number | null;
  /** Calibrated prediction > 0 vs true activation > 0 (§3.1); null when undefined. */
  readonly sensitivity: number | null;
  readonly specificity: number | null;
  /** The same from the raw predictions (> 0 = predicted active): the uncalibrated simulator's. */
  readonly rawSensitivity: number | null;
  readonly rawSpecificity: number | null;
  readonly rewriteImpact: RewriteImpactData | null;
  /** Why the rewrite impact is missing, when it is. */
  readonly rewriteImpactNote: string | null;
  /** Wall-clock time of the simulation job. */
  readonly elapsedMs: number;
  readonly paired?: PairedSimulationData;
}

export interface VersionScore {
  readonly value: number;
  readonly scorerSource: string;
  /** e.g. "lexical baseline (offline string matching; not an LLM)". */
  readonly scorerLabel: string;
  readonly exampleCount: number;
}

export interface ExplorerVersion {
  readonly id: number;
  readonly text: string;
  readonly sourceKind: string;
  readonly sourceLabel: string;
  readonly parentId: number | null;
  readonly isCurrent: boolean;
  readonly createdAt: string;
  readonly detection: VersionScore | null;
  readonly fuzzing: VersionScore | null;
  /** The newest stored simulation of this version by the explorer's simulator, if any. */
  readonly simulation: ExplanationSimulationResult | null;
  /** Paired A/B against the parent version, when both are simulated; absent in older snapshots. */
  readonly comparisonWithParent?: VersionComparison | null;
}

/** Everything the latent explorer renders: versions newest first, with the simulator new simulations use. */
export interface LatentExplorerData {
  readonly latent: number;
  readonly hookpoint: string;
  readonly cacheId: number;
  readonly simulator: SimulatorInfo;
  readonly versions: ExplorerVersion[];
}

/** Partial results while a simulation streams: the contexts simulated so far. */
export interface PartialSimulation {
  readonly done: number;
  readonly total: number;
  readonly cdfs: { readonly true: CdfStep[]; readonly predicted: CdfStep[] };
  readonly correlation: number | null;
}

export type ExplorerStage = "simulating" | "calibrating" | "rewrite impact" | "scoring";

export interface ExplorerProgress {
  readonly stage: ExplorerStage;
  readonly done: number;
  readonly total: number;
}
