// The score stage as a job (kind "score"): `rewrite score` runs it, /jobs resumes it. Resumable by design: a task
// already scored for the current explanation by the same scorer is skipped.
import { z } from "zod";
import type { RewriteDatabase } from "@/db/client";
import type { JobHandler } from "@/lib/jobs/job-runner";
import type { LlmClient } from "@/lib/llm";
import { scoreLatents, type ScoreLatentsOptions, type ScoreLatentsResult, type ScoreProgress } from "@/lib/score";
import { openStageJobTarget, stageJobParamsSchema } from "./stage-job-target";

export const SCORE_JOB_KIND = "score";

export const scoreJobParamsSchema = stageJobParamsSchema.extend({
  tasks: z.array(z.enum(["detection", "fuzzing"])).min(1),
  activating: z.number().int().positive(),
  nonActivating: z.number().int().positive(),
  perPrompt: z.number().int().positive(),
});

export type ScoreJobParams = z.infer<typeof scoreJobParamsSchema>;

export interface ScoreJobDeps {
  db: RewriteDatabase;
  client: LlmClient | null;
  onProgress?: (progress: ScoreProgress) => void;
  onResult?: (result: ScoreLatentsResult) => void;
}

/** The score stage's options for these job parameters: the same for the CLI's estimate and for the run. */
export function scoreStageOptions(params: ScoreJobParams, target: { cacheId: number; client: LlmClient | null; tokenText: ScoreLatentsOptions["tokenText"] }): ScoreLatentsOptions {
  return {
    cacheId: target.cacheId,
    scorer: target.client ? "llm" : "lexical-baseline",
    client: target.client ?? undefined,
    tasks: params.tasks,
    activatingPerLatent: params.activating,
    nonActivatingPerLatent: params.nonActivating,
    examplesPerPrompt: params.perPrompt,
    seed: params.seed,
    latents: params.latents,
    force: params.force,
    tokenText: target.tokenText,
  };
}

export function scoreJobHandler(deps: ScoreJobDeps): JobHandler<unknown> {
  return async ({ params, report, signal }) => {
    const parsed = scoreJobParamsSchema.parse(params);
    const target = openStageJobTarget(deps.db, parsed, deps.client);
    const result = await scoreLatents(deps.db, {
      ...scoreStageOptions(parsed, { cacheId: target.cache.id, client: target.client, tokenText: target.tokenText }),
      signal,
      onProgress: (progress) => {
        report(progress.done, progress.total, `${parsed.hookpoint}: latent ${progress.latent}`);
        deps.onProgress?.(progress);
      },
    });
    deps.onResult?.(result);
  };
}
