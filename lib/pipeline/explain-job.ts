// The explain stage as a job (kind "explain"): `rewrite explain` runs it, /jobs resumes it. Resumable by design:
// latents already explained by the same explainer are skipped.
import type { RewriteDatabase } from "@/db/client";
import { explainLatents, type Explainer, type ExplainLatentsResult, type ExplainProgress, LlmExplainer, statisticalExplainerForCache } from "@/lib/explain";
import type { JobHandler } from "@/lib/jobs/job-runner";
import type { LlmClient } from "@/lib/llm";
import { openStageJobTarget, stageJobParamsSchema, type StageJobTarget } from "./stage-job-target";

export const EXPLAIN_JOB_KIND = "explain";

export interface ExplainJobDeps {
  db: RewriteDatabase;
  client: LlmClient | null;
  /** The explainer the caller already built for its estimate (the statistical one counts the whole cache). */
  explainer?: Explainer;
  onProgress?: (progress: ExplainProgress) => void;
  onResult?: (result: ExplainLatentsResult, explainer: Explainer) => void;
}

/** The LLM explainer, or the statistical baseline over the cache's token frequencies. */
export function stageExplainer(db: RewriteDatabase, target: StageJobTarget): Explainer {
  return target.client ? new LlmExplainer(target.client) : statisticalExplainerForCache(db, target.cache.id, { tokenText: target.tokenText });
}

export function explainJobHandler(deps: ExplainJobDeps): JobHandler<unknown> {
  return async ({ params, report, signal }) => {
    const parsed = stageJobParamsSchema.parse(params);
    const target = openStageJobTarget(deps.db, parsed, deps.client);
    const explainer = deps.explainer ?? stageExplainer(deps.db, target);
    const result = await explainLatents(deps.db, {
      cacheId: target.cache.id,
      latents: parsed.latents,
      force: parsed.force,
      seed: parsed.seed,
      tokenText: target.tokenText,
      explainer,
      signal,
      onProgress: (progress) => {
        report(progress.done, progress.total, `${parsed.hookpoint}: latent ${progress.latent}`);
        deps.onProgress?.(progress);
      },
    });
    deps.onResult?.(result, explainer);
  };
}
