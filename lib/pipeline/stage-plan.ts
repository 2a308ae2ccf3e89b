// What an explain, score or simulate job would ask of the LLM before it starts, for the CLI's --dry-run and the
// job-start UI (GET /api/plan): calls, requests, tokens (exact prompt characters where counted), and the wall time
// and cost at the configured or measured rate. Counts only what is left, so it also plans a resumed run.
import { z } from "zod";
import type { RewriteDatabase } from "@/db/client";
import { estimateExplainCalls } from "@/lib/explain";
import { type CallEstimate, describeEstimate, NO_CALLS } from "@/lib/llm";
import type { LlmClient } from "@/lib/llm";
import { describePlanTime, type LlmPlan, planFor, type PlanSettings } from "@/lib/llm";
import { estimateScoreCalls } from "@/lib/score";
import { estimateSimulateCalls, measuredSimulatorRate } from "@/lib/simulate";
import { stageExplainer } from "./explain-job";
import { scoreStageOptions } from "./score-job";
import { simulateStageOptions } from "./simulate-job";
import { openStageJobTarget, stageJobParamsSchema } from "./stage-job-target";

export const stagePlanRequestSchema = z.discriminatedUnion("stage", [
  stageJobParamsSchema.extend({ stage: z.literal("explain") }),
  stageJobParamsSchema.extend({
    stage: z.literal("score"),
    tasks: z.array(z.enum(["detection", "fuzzing"])).min(1).default(["detection", "fuzzing"]),
    activating: z.number().int().positive().default(100),
    nonActivating: z.number().int().positive().default(100),
    perPrompt: z.number().int().positive().default(5),
  }),
  stageJobParamsSchema.extend({
    stage: z.literal("simulate"),
    tokens: z.number().int().positive().default(1000),
    window: z.number().int().positive().default(32),
  }),
]);

export type StagePlanRequest = z.infer<typeof stagePlanRequestSchema>;

export interface StagePlan extends LlmPlan {
  stage: StagePlanRequest["stage"];
  /** The model asked; null: the offline baseline runs, with no LLM calls. */
  llm: string | null;
  /** The estimate in words, then the time and cost in words. */
  summary: string;
  timeAndCost: string;
}

/** The plan of one stage job; `client` is the configured LLM (null: the baseline would run). */
export function planForStage(db: RewriteDatabase, request: StagePlanRequest, client: LlmClient | null, settings: PlanSettings): StagePlan {
  const params = { ...request, llm: client?.model ?? null };
  const target = openStageJobTarget(db, params, client);
  // The offline baselines ask nothing (and the statistical explainer is costly to build just to learn that).
  if (!target.client) {
    const plan = planFor(NO_CALLS, settings);
    return { ...plan, stage: request.stage, llm: null, summary: describeEstimate(NO_CALLS), timeAndCost: describePlanTime(plan, settings) };
  }
  const at = { cacheId: target.cache.id, client: target.client, tokenText: target.tokenText };
  let estimate: CallEstimate;
  let measured = null;
  if (request.stage === "explain") {
    estimate = estimateExplainCalls(db, { ...at, latents: request.latents, force: request.force, seed: request.seed, explainer: stageExplainer(db, target) });
  } else if (request.stage === "score") {
    estimate = estimateScoreCalls(db, scoreStageOptions({ ...request, llm: params.llm }, at));
  } else {
    const options = simulateStageOptions({ ...request, llm: params.llm }, at);
    estimate = estimateSimulateCalls(db, options);
    measured = measuredSimulatorRate(db, options.simulator.id);
  }
  const plan = planFor(estimate, settings, measured);
  return { ...plan, stage: request.stage, llm: params.llm, summary: describeEstimate(estimate), timeAndCost: describePlanTime(plan, settings) };
}
