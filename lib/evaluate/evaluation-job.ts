// The evaluation stage as a job (kind "evaluate"): one coder of a pack, shown on /jobs. A calibration target whose
// run already exists with the same config and inputs is not run again, so a repeated `prepare` costs nothing.
import { z } from "zod";
import { findActivationCache } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { findFinishedEvaluationRun } from "@/db/evaluation-runs";
import type { CalibrationTargetKind } from "@/lib/calibrate";
import type { JobHandler } from "@/lib/jobs/job-runner";
import { LlmClient, readLlmConfig } from "@/lib/llm";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { LexicalSimulator, LlmSimulator, type Simulator } from "@/lib/simulate";
import { checkEvaluationStageSettings, type EvaluationStageSettings } from "./evaluation-settings";
import { evaluationRunInputRefs, runEvaluationStage, type EvaluationStageInputs, type EvaluationStep } from "./evaluation-stage";
import { packEvaluationInputs } from "./pack-evaluation-inputs";
import { evaluationRunConfigJson, SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
import { stagePredictRaw } from "./simulation-matrix";

export const EVALUATION_JOB_KIND = "evaluate";

export type SimulatorChoice = "lexical-baseline" | "llm";

export const evaluationJobParamsSchema = z.object({
  packDir: z.string().min(1),
  hookpoint: z.string().min(1),
  simulator: z.enum(["lexical-baseline", "llm"]),
  // Checked in full by checkEvaluationStageSettings, which names the offending setting.
  settings: z.custom<EvaluationStageSettings>((value) => typeof value === "object" && value !== null),
});

export type EvaluationJobParams = z.infer<typeof evaluationJobParamsSchema>;

/** The lexical baseline needs nothing; the LLM simulator needs REWRITE_LLM_BASE_URL and REWRITE_LLM_MODEL. */
export function simulatorFor(choice: SimulatorChoice, env: Record<string, string | undefined> = process.env): Simulator {
  if (choice === "lexical-baseline") return new LexicalSimulator();
  const config = readLlmConfig(env);
  if (!config) throw new Error("the LLM simulator needs an OpenAI-compatible server: set REWRITE_LLM_BASE_URL and REWRITE_LLM_MODEL, or use the lexical baseline");
  return new LlmSimulator(new LlmClient(config));
}

/** Each calibration target's stored run for these inputs and settings, or undefined where it has not run yet. */
export function existingEvaluationRuns(db: RewriteDatabase, inputs: EvaluationStageInputs, settings: EvaluationStageSettings): Map<CalibrationTargetKind, number | undefined> {
  return new Map(
    settings.calibrationTargets.map((target) => {
      const configJson = evaluationRunConfigJson(settings.evaluation, evaluationRunInputRefs(inputs, settings, target));
      return [target, findFinishedEvaluationRun(db, inputs.cache.id, configJson)?.id];
    }),
  );
}

export interface EvaluationJobDeps {
  db: RewriteDatabase;
  loadRuntime: (packDir: string) => PackRuntime;
  /** Unthrottled progress, e.g. for a terminal progress bar. */
  onProgress?: (step: EvaluationStep, done: number, total: number) => void;
  /** Called once the runs exist: their ids by calibration target, and whether they were computed now. */
  onRuns?: (runs: Map<CalibrationTargetKind, number | undefined>, simulator: Simulator, reused: boolean) => void;
}

export function evaluationJobHandler(deps: EvaluationJobDeps): JobHandler<unknown> {
  return async ({ params, report, signal }) => {
    const parsed = evaluationJobParamsSchema.parse(params);
    checkEvaluationStageSettings(parsed.settings);
    const runtime = deps.loadRuntime(parsed.packDir);
    const cacheRow = findActivationCache(deps.db, runtime.identity, parsed.hookpoint);
    if (!cacheRow || cacheRow.summarizedAt === null) {
      throw new Error(`the pack at ${runtime.dir} has no finished activation cache for ${parsed.hookpoint}; run \`rewrite cache --coder ${parsed.hookpoint}\` first`);
    }
    const simulator = simulatorFor(parsed.simulator);
    const inputs = packEvaluationInputs(deps.db, runtime, cacheRow, { id: simulator.id, predictRaw: stagePredictRaw(deps.db, simulator, signal) });
    const before = existingEvaluationRuns(deps.db, inputs, parsed.settings);
    const missing = parsed.settings.calibrationTargets.filter((target) => before.get(target) === undefined);
    if (missing.length > 0) {
      await runEvaluationStage(inputs, { ...parsed.settings, calibrationTargets: missing }, new SqliteEvaluationRunStore(deps.db), {
        signal,
        onProgress: (step, done, total) => {
          report(done, total, `${parsed.hookpoint}: ${step}`);
          deps.onProgress?.(step, done, total);
        },
      });
    }
    deps.onRuns?.(existingEvaluationRuns(deps.db, inputs, parsed.settings), simulator, missing.length === 0);
  };
}
