// The settings of an evaluation stage run beyond Fig. 3's own config: which prompts, which calibration sample,
// which quantile normalizer. Plain JSON; with the seed inside `evaluation` they fix every number of a run.
import type { CalibrationTargetKind } from "@/lib/calibrate";
import { TIE_RULES, type QuantileEstimator, type TieRule } from "@/lib/core/quantile-normalizer";
import { checkRewriteEvaluationConfig, rewriteEvaluationConfig, type RewriteEvaluationConfig } from "./evaluation-config";

export interface EvaluationStageSettings {
  /** Held-out prompts evaluated (10K for the paper's transcoder, 1K for its SAE). */
  readonly promptCount: number;
  /** Tokens per prompt; the last is the patched position, the token after it the CE target. */
  readonly promptLength: number;
  /** Tokens the simulator sees, ending at the simulated one (delphi: 32). */
  readonly windowLength: number;
  /** Calibration contexts from the cache's training split (10K in the paper). */
  readonly calibrationContextCount: number;
  /** One stored run per target: (a) "cache", (b) "prompts" (App. B). */
  readonly calibrationTargets: readonly CalibrationTargetKind[];
  readonly estimator: QuantileEstimator;
  /** How tied raw predictions are calibrated (quantile-normalizer.ts); settings stored before it used mid-rank. */
  readonly tieRule: TieRule;
  /** App. B: calibration sample sizes compared (nested subsamples), each ≤ calibrationContextCount; [] skips it. */
  readonly sampleSizes: readonly number[];
  readonly evaluation: RewriteEvaluationConfig;
}

/**
 * Sized for the demo pack on two cores (prepare < 5 min): 500 prompts of 64 tokens, 1000 calibration contexts,
 * and App. B's 1K-vs-10K comparison scaled down tenfold to 100 vs 1000.
 */
export function evaluationStageSettings(seed: number, overrides: Partial<Omit<EvaluationStageSettings, "evaluation">> = {}): EvaluationStageSettings {
  return {
    promptCount: 500,
    promptLength: 64,
    windowLength: 32,
    calibrationContextCount: 1000,
    calibrationTargets: ["cache", "prompts"],
    estimator: "empirical",
    tieRule: "conditional-mean",
    sampleSizes: [100, 1000],
    ...overrides,
    evaluation: rewriteEvaluationConfig(seed),
  };
}

const TARGETS: readonly CalibrationTargetKind[] = ["cache", "prompts"];
const ESTIMATORS: readonly QuantileEstimator[] = ["empirical", "hf8", "hf9"];

/** Throws, naming the setting and its value, unless the settings can run. */
export function checkEvaluationStageSettings(settings: EvaluationStageSettings): void {
  checkRewriteEvaluationConfig(settings.evaluation);
  const positive = { promptCount: settings.promptCount, promptLength: settings.promptLength, windowLength: settings.windowLength, calibrationContextCount: settings.calibrationContextCount };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1, got ${value}`);
  }
  if (settings.windowLength > settings.promptLength) {
    throw new Error(`windowLength ${settings.windowLength} exceeds promptLength ${settings.promptLength}; the simulator's window ends at the prompt's last token`);
  }
  if (settings.calibrationTargets.length === 0) throw new Error(`calibrationTargets is empty; pick from ${TARGETS.join(", ")}`);
  for (const t of settings.calibrationTargets) if (!TARGETS.includes(t)) throw new Error(`unknown calibration target "${t}"; pick from ${TARGETS.join(", ")}`);
  if (new Set(settings.calibrationTargets).size !== settings.calibrationTargets.length) throw new Error(`calibrationTargets repeat: ${settings.calibrationTargets.join(", ")}`);
  if (!ESTIMATORS.includes(settings.estimator)) throw new Error(`unknown estimator "${settings.estimator}"; pick from ${ESTIMATORS.join(", ")}`);
  if (!TIE_RULES.includes(settings.tieRule)) throw new Error(`unknown tie rule "${String(settings.tieRule)}"; pick from ${TIE_RULES.join(", ")}`);
  for (const n of settings.sampleSizes) {
    if (!Number.isInteger(n) || n < 1 || n > settings.calibrationContextCount) {
      throw new Error(`sample size ${n} must be an integer in [1, ${settings.calibrationContextCount}] (the calibration contexts)`);
    }
  }
}
