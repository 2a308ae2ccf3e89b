// The plan `rewrite evaluate` and `rewrite prepare` print before they start: with the LLM simulator, every explained
// latent on the calibration contexts and the evaluation prompts, at most (answers already in the prediction cache
// are not asked again); with the lexical baseline, no LLM calls.
import type { RewriteDatabase } from "@/db/client";
import { currentExplanations } from "@/db/explanations";
import type { EvaluationStageSettings } from "@/lib/evaluate";
import { readLlmConfig } from "@/lib/llm";
import { finishedStageCache } from "@/lib/pipeline/stage-job-target";
import { DEFAULT_SIMULATOR_MAX_TOKENS, llmSimulatorId, measuredSimulatorRate } from "@/lib/simulate";
import { estimateDescribedSimulation } from "@/lib/simulate";
import { printEstimate } from "./stage-cli";

export function printEvaluationPlan(db: RewriteDatabase, packDir: string, hookpoint: string, settings: EvaluationStageSettings, simulator: "lexical-baseline" | "llm"): void {
  const config = simulator === "llm" ? readLlmConfig(process.env) : null;
  if (!config) {
    console.log("Estimate for evaluating: no LLM calls (the lexical baseline simulator).");
    return;
  }
  const cache = finishedStageCache(db, packDir, hookpoint);
  const explanations = [...currentExplanations(db, cache.id).values()];
  const meanChars = explanations.length ? explanations.reduce((sum, e) => sum + e.text.length, 0) / explanations.length : 0;
  const estimate = estimateDescribedSimulation({
    latents: explanations.length,
    promptsPerLatent: settings.calibrationContextCount + settings.promptCount,
    windowTokens: settings.windowLength,
    explanationChars: Math.round(meanChars),
    maxTokens: config.maxTokens?.simulate ?? DEFAULT_SIMULATOR_MAX_TOKENS,
    batch: config.batch ?? null,
  });
  const id = llmSimulatorId(config.model, config.simulatorExpectedValue ?? "renormalized", config.batch?.promptFormat);
  printEstimate(`evaluating at most (answers already in the prediction cache are not asked again; ${explanations.length} explained latents)`, estimate, measuredSimulatorRate(db, id));
}
