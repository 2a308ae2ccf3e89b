// The simulate stage as a job (kind "simulate"): `rewrite simulate` runs it, /jobs resumes it. Resumable by
// design: every answer is committed to the prediction cache as it arrives and never asked again.
import { z } from "zod";
import type { RewriteDatabase } from "@/db/client";
import type { JobHandler } from "@/lib/jobs/job-runner";
import type { LlmClient } from "@/lib/llm";
import { type LatentSimulationSummary, LexicalSimulator, LlmSimulator, simulateLatents, type SimulateLatentsOptions, type Simulator } from "@/lib/simulate";
import { openStageJobTarget, stageJobParamsSchema } from "./stage-job-target";

export const SIMULATE_JOB_KIND = "simulate";

export const simulateJobParamsSchema = stageJobParamsSchema.extend({
  tokens: z.number().int().positive(),
  window: z.number().int().positive(),
  /** Early stopping, recorded with the run: a latent ends once its correlation's 95% CI is narrower than this. */
  stopAtCiWidth: z.number().positive().optional(),
});

export type SimulateJobParams = z.infer<typeof simulateJobParamsSchema>;

export interface SimulateJobDeps {
  db: RewriteDatabase;
  client: LlmClient | null;
  onProgress?: SimulateLatentsOptions["onProgress"];
  onResult?: (summaries: LatentSimulationSummary[], simulator: Simulator) => void;
}

/** The simulate stage's options for these job parameters: the same for the CLI's estimate and for the run. */
export function simulateStageOptions(params: SimulateJobParams, target: { cacheId: number; client: LlmClient | null; tokenText: SimulateLatentsOptions["tokenText"] }): SimulateLatentsOptions {
  return {
    cacheId: target.cacheId,
    simulator: target.client ? new LlmSimulator(target.client) : new LexicalSimulator(),
    latents: params.latents,
    tokens: params.tokens,
    windowLength: params.window,
    seed: params.seed,
    force: params.force,
    stopAtCiWidth: params.stopAtCiWidth,
    tokenText: target.tokenText,
  };
}

export function simulateJobHandler(deps: SimulateJobDeps): JobHandler<unknown> {
  return async ({ params, report, signal }) => {
    const parsed = simulateJobParamsSchema.parse(params);
    const target = openStageJobTarget(deps.db, parsed, deps.client);
    const options = simulateStageOptions(parsed, { cacheId: target.cache.id, client: target.client, tokenText: target.tokenText });
    const summaries = await simulateLatents(deps.db, {
      ...options,
      signal,
      onProgress: (progress) => {
        report(progress.overall.done, progress.overall.total, `${parsed.hookpoint}: latent ${progress.latent}`);
        deps.onProgress?.(progress);
      },
    });
    deps.onResult?.(summaries, options.simulator);
  };
}
