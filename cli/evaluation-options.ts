// The evaluation settings shared by `rewrite evaluate` and `rewrite prepare`, and how their runs are printed.
import { Option, type Command } from "commander";
import type { RewriteDatabase } from "@/db/client";
import type { CalibrationTargetKind } from "@/lib/calibrate";
import { TIE_RULES, type QuantileEstimator, type TieRule } from "@/lib/core/quantile-normalizer";
import { figure3Markdown, figure3Table, type Figure3Statistic } from "@/lib/evaluate";
import { evaluationStageSettings, type EvaluationStageSettings } from "@/lib/evaluate";
import { errorDecompositionMarkdown, errorDecompositionView } from "@/lib/evaluate";
import { evaluationRunExtras } from "@/lib/evaluate";
import { UNREWRITTEN_LATENTS, type UnrewrittenLatents } from "@/lib/evaluate";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import { describePairedVerdicts, pairedVerdicts } from "@/lib/evaluate";
import type { Simulator } from "@/lib/simulate";
import { integerAtLeast } from "./integer-option";
import { printExplanationQuality } from "./print-explanation-quality";


function integerList(value: string): number[] {
  if (value.trim() === "") return [];
  return value.split(",").map((part) => integerAtLeast(1)(part.trim()));
}

export interface EvaluationCliOptions {
  seed: number;
  prompts: number;
  promptLength: number;
  window: number;
  calibrationContexts: number;
  target: "cache" | "prompts" | "both";
  estimator: QuantileEstimator;
  tieRule: TieRule;
  unrewritten: UnrewrittenLatents;
  rawActiveThreshold: number;
  sampleSizes: number[];
  randomDraws: number;
  bootstrap: number;
  statistic: Figure3Statistic;
}

/** `defaultTarget`: `evaluate` fits both targets; `prepare` (the first start) only (a), the paper's, to stay quick. */
export function addEvaluationOptions(command: Command, defaultTarget: "cache" | "both" = "both"): Command {
  const defaults = evaluationStageSettings(0);
  return command
    .option("--seed <n>", "seed of the prompts, the calibration sample, the random selections and the bootstraps", integerAtLeast(0), 0)
    .option("--prompts <n>", "held-out prompts evaluated (the paper: 10K)", integerAtLeast(1), defaults.promptCount)
    .option("--prompt-length <n>", "tokens per prompt; the last one is patched", integerAtLeast(1), defaults.promptLength)
    .option("--window <n>", "tokens the simulator sees, ending at the simulated one", integerAtLeast(1), defaults.windowLength)
    .option("--calibration-contexts <n>", "cached training tokens the quantile normalizer is fitted on (the paper: 10K)", integerAtLeast(1), defaults.calibrationContextCount)
    .addOption(new Option("--target <kind>", "quantile normalizer target: (a) cache, (b) the calibration contexts' true activations, or both").choices(["cache", "prompts", "both"]).default(defaultTarget))
    .addOption(new Option("--estimator <kind>", "quantile estimator").choices(["empirical", "hf8", "hf9"]).default(defaults.estimator))
    .addOption(new Option("--tie-rule <rule>", "what a block of tied raw predictions calibrates to").choices([...TIE_RULES]).default(defaults.tieRule))
    .addOption(
      new Option("--unrewritten <rule>", "what latents that are not rewritten keep: the transcoder's TopK output, or pre-TopK values that back-fill freed slots")
        .choices([...UNREWRITTEN_LATENTS])
        .default(defaults.evaluation.unrewrittenLatents),
    )
    .option("--raw-active-threshold <x>", "a raw 0–9 prediction above this counts as predicted active (raw sensitivity / specificity)", parseFloat, defaults.evaluation.rawActiveThreshold)
    .option("--sample-sizes <list>", "App. B: calibration sample sizes compared, comma-separated ('' to skip)", integerList, [...defaults.sampleSizes])
    .option("--random-draws <n>", "random selections of latents per fraction", integerAtLeast(1), defaults.evaluation.randomDraws)
    .option("--bootstrap <n>", "bootstrap resamples per CI", integerAtLeast(1), defaults.evaluation.bootstrapResamples)
    .addOption(new Option("--statistic <kind>", "what the printed table shows").choices(["mean", "median-absolute"]).default("mean"));
}

export function evaluationSettingsOf(options: EvaluationCliOptions): EvaluationStageSettings {
  const targets: CalibrationTargetKind[] = options.target === "both" ? ["cache", "prompts"] : [options.target];
  const base = evaluationStageSettings(options.seed, {
    promptCount: options.prompts,
    promptLength: options.promptLength,
    windowLength: options.window,
    calibrationContextCount: options.calibrationContexts,
    calibrationTargets: targets,
    estimator: options.estimator,
    tieRule: options.tieRule,
    sampleSizes: options.sampleSizes.filter((n) => n <= options.calibrationContexts),
  });
  const evaluation = {
    ...base.evaluation,
    randomDraws: options.randomDraws,
    bootstrapResamples: options.bootstrap,
    unrewrittenLatents: options.unrewritten,
    rawActiveThreshold: options.rawActiveThreshold,
  };
  return { ...base, evaluation };
}

const TARGET_LABELS: Record<CalibrationTargetKind, string> = {
  cache: "target (a): the activation cache's distribution",
  prompts: "target (b): the true activations on the calibration contexts (App. B)",
};

/** Prints each run's Fig. 3 table, the App. B study and the verdict against zero ablation, naming the simulator. */
export async function printEvaluationRuns(
  db: RewriteDatabase,
  runs: ReadonlyMap<CalibrationTargetKind, number | undefined>,
  simulator: Pick<Simulator, "id" | "kind">,
  statistic: Figure3Statistic,
): Promise<void> {
  const store = new SqliteEvaluationRunStore(db);
  const who = simulator.kind === "llm" ? `the LLM ${simulator.id}` : `${simulator.id}, an offline string-matching baseline (no LLM)`;
  console.log(`Predictions by ${who}.`);
  for (const [target, id] of runs) {
    const stored = id === undefined ? undefined : await store.load(String(id));
    if (!stored) throw new Error(`the run for calibration ${target} was not stored`);
    const table = figure3Table(stored.result, { statistic });
    console.log(`\n## Run ${id} — ${TARGET_LABELS[target]} (open /runs/${id})\n`);
    console.log(figure3Markdown(table));
    console.log(`\n${describePairedVerdicts(pairedVerdicts(stored.result))}`);
    printExplanationQuality(stored.result);
    const decomposition = evaluationRunExtras(stored.result)?.errorDecomposition;
    if (decomposition) console.log(`\n${errorDecompositionMarkdown(errorDecompositionView(decomposition, statistic), stored.result.config.ciLevel)}`);
    const study = evaluationRunExtras(stored.result)?.sampleSizeStudy ?? [];
    if (study.length > 0) {
      console.log("\nApp. B, calibration sample size (top-detection latents, all rewritten, calibrated):\n");
      console.log("| calibration contexts | predicted active | target active | mean CE increase, nats [95% CI] |\n|---|---|---|---|");
      for (const row of study) {
        const all = row.ceIncrease.find((c) => c.fraction === 1) ?? row.ceIncrease.at(-1);
        const ci = all ? `${all.summary.meanIncreaseNats.estimate.toFixed(3)} [${all.summary.meanIncreaseNats.lower.toFixed(3)}, ${all.summary.meanIncreaseNats.upper.toFixed(3)}]` : "—";
        console.log(`| ${row.sampleSize} | ${(100 * row.predictedActiveFraction).toFixed(2)}% | ${(100 * row.targetActiveFraction).toFixed(2)}% | ${ci} |`);
      }
    }
  }
}
