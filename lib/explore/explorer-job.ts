// A re-simulation from the latent explorer as a job (kind "explore-simulation", shown on /jobs): simulate one
// stored explanation version, score it if it has no score by this scorer yet, measure its rewrite impact, and
// store the result. Progress and partial results go to the SSE channel as they come. Rerunning a killed job
// repeats only the simulations missing from the prediction cache.
import { z } from "zod";
import { TIE_RULES } from "@/lib/core/quantile-normalizer";
import type { RewriteDatabase } from "@/db/client";
import { saveExplanationSimulation } from "@/db/explanation-simulations";
import { explanationHistory } from "@/db/explanations";
import { openStageCache } from "@/lib/cache/stage-cache";
import type { JobHandler } from "@/lib/jobs/job-runner";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { scoreLatents } from "@/lib/score";
import type { RewriteImpactData } from "./explorer-data";
import { publishExplorerEvent } from "./explorer-events";
import { explorerVersionById } from "./explorer-page-data";
import { measureLatentRewriteImpact, rewriteImpactEnvironment } from "./explorer-rewrite-impact";
import type { ExplorerSimulator } from "./explorer-simulator";
import { simulateExplanation } from "./simulate-explanation";

export const EXPLORER_JOB_KIND = "explore-simulation";

const PROGRESS_EVERY_MS = 100;

/** As `rewrite prepare` scores (25 + 25 windows, seed 0), so an edit's scores compare with the baseline's. */
export const EXPLORER_SCORING = { examplesPerClass: 25, seed: 0 } as const;

export const explorerJobParamsSchema = z.object({
  cacheId: z.number().int().positive(),
  latent: z.number().int().nonnegative(),
  explanationId: z.number().int().positive(),
  /** The pack folder whose model measures the rewrite impact; null: not measured. */
  packDir: z.string().min(1).nullable(),
  /** The simulator the job was started for (see explorerSimulator); identical requests join its job. */
  simulatorId: z.string().min(1).optional(),
  /** How tied raw predictions calibrate; jobs stored before the choice existed used the default. */
  tieRule: z.enum(TIE_RULES).default("conditional-mean"),
});

export type ExplorerJobParams = z.infer<typeof explorerJobParamsSchema>;

export interface ExplorerJobDeps {
  db: RewriteDatabase;
  explorer: ExplorerSimulator;
  loadRuntime: (packDir: string) => PackRuntime;
}

export function explorerJobHandler(deps: ExplorerJobDeps): JobHandler<unknown> {
  const { db, explorer } = deps;
  return async ({ job, params, report, signal }) => {
    const started = performance.now();
    let lastStage = "";
    let lastPublished = 0;
    const { cacheId, latent, explanationId, packDir, tieRule } = explorerJobParamsSchema.parse(params);
    const stage = openStageCache(db, cacheId, packDir ? { packDir } : {});
    const row = explanationHistory(db, cacheId, latent).find((r) => r.id === explanationId);
    if (!row) throw new Error(`explanation ${explanationId} is not a version of latent ${latent} in cache ${cacheId}`);
    const runtime = packDir ? deps.loadRuntime(packDir) : undefined;
    const measure =
      runtime && runtime.identity === stage.row.packIdentity
        ? async (calibration: Parameters<typeof measureLatentRewriteImpact>[0]["calibration"]): Promise<RewriteImpactData> => {
            const environment = await rewriteImpactEnvironment(db, runtime, stage.row);
            return measureLatentRewriteImpact({ db, environment, latent, explanation: row.text, simulator: explorer.simulator, calibration, signal });
          }
        : undefined;

    const result = await simulateExplanation({
      db,
      cache: { cacheId, activations: stage.cache, tokenText: stage.tokenText },
      latent,
      explanation: row.text,
      simulator: explorer.simulator,
      simulatorInfo: explorer.info,
      windowLength: stage.row.windowLength,
      tieRule,
      batchSize: explorer.batchSize,
      measureRewriteImpact: measure,
      signal,
      onProgress: (progress) => {
        report(progress.done, progress.total, `latent ${latent}: ${progress.stage}`);
        // One event per context would flood the stream with the lexical baseline's 400 answers in milliseconds.
        const at = performance.now();
        if (progress.stage === lastStage && progress.done < progress.total && at - lastPublished < PROGRESS_EVERY_MS) return;
        lastStage = progress.stage;
        lastPublished = at;
        publishExplorerEvent(job.id, { type: "progress", progress });
      },
      onPartial: (partial) => publishExplorerEvent(job.id, { type: "partial", partial }),
    });

    publishExplorerEvent(job.id, { type: "progress", progress: { stage: "scoring", done: 0, total: 1 } });
    // The score stage scores current explanations; an edit is current from the moment it is stored.
    if (explanationHistory(db, cacheId, latent).find((r) => r.id === explanationId)?.isCurrent) {
      await scoreLatents(db, {
        cacheId,
        latents: [latent],
        scorer: explorer.scorer,
        client: explorer.client,
        tasks: ["detection", "fuzzing"],
        activatingPerLatent: EXPLORER_SCORING.examplesPerClass,
        nonActivatingPerLatent: EXPLORER_SCORING.examplesPerClass,
        seed: EXPLORER_SCORING.seed,
        tokenText: stage.tokenText,
        signal,
      });
    }
    saveExplanationSimulation(
      db,
      {
        explanationId,
        simulatorId: explorer.info.id,
        contextCount: result.contextCount,
        failedCount: result.failedCount,
        correlation: result.correlation,
        rewriteImpactNats: result.rewriteImpact?.meanCeChangeNats ?? null,
        resultJson: JSON.stringify(result),
      },
      new Date(),
    );
    const version = explorerVersionById(db, cacheId, latent, explanationId, explorer.info);
    if (!version) throw new Error(`explanation ${explanationId} disappeared while it was simulated`);
    report(1, 1, `latent ${latent}: done`);
    publishExplorerEvent(job.id, { type: "done", version, elapsedMs: Math.round(performance.now() - started) });
  };
}
