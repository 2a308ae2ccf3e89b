// `rewrite cache`: build the activation cache and latent summaries of the pack's coders, with a progress bar.
// The same lib/cache job runs in the start-up preparation; progress and failures also show on /jobs.
import type { Command } from "commander";
import { getDatabase } from "@/db/client";
import { cacheJobHandler, CACHE_JOB_KIND, type CacheJobParams } from "@/lib/cache/cache-job";
import type { CacheRuntime, CacheStage } from "@/lib/cache/prepare-latent-cache";
import { runNewJob } from "@/lib/jobs/job-runner";
import { openReadablePack } from "@/lib/packs/open-pack";
import { dataDir } from "@/lib/settings";
import { integerAtLeast } from "./integer-option";
import { chosenPackDir } from "./pack-option";
import { addCacheOptions, type CacheCliOptions } from "./cache-options";
import { stageProgressBar } from "./stage-progress-bar";
import { stopSignal } from "./stop-signal";


export function registerCacheCommand(program: Command, loadRuntime: (packDir: string) => Promise<CacheRuntime>): void {
  addCacheOptions(
    program
      .command("cache")
      .description("Run the pack over its training corpus; store non-zero latent activations and per-latent summaries."),
    "coders to cache, e.g. layers.2.mlp (default: every coder of the pack)",
  )
    .option("--seed <n>", "seed for the document order and the example sampling", integerAtLeast(0), 0)
    .option("--batch <n>", "contexts per encoder call", integerAtLeast(1))
    .action(async (options: CacheCliOptions & { seed: number; batch?: number }) => {
      const packDir = chosenPackDir(options.pack);
      const { pack } = openReadablePack(packDir);
      const hookpoints = options.coder ?? pack.coders.map((c) => c.hookpoint);
      const db = getDatabase();
      const signal = stopSignal();
      for (const hookpoint of hookpoints) {
        const bar = stageProgressBar(hookpoint);
        const onProgress = (stage: CacheStage, done: number, total: number) => bar.update(stage, done, total);
        const params: CacheJobParams = { packDir: pack.dir, hookpoint, numTokens: options.tokens, seed: options.seed, batchSize: options.batch };
        const job = await runNewJob(db, CACHE_JOB_KIND, params, cacheJobHandler({ db, dataDir: dataDir(), loadRuntime, onProgress }), {
          signal,
        });
        bar.stop();
        if (job.status !== "done") throw new Error(`job ${job.id} (${hookpoint}) failed: ${job.error ?? "unknown error"}`);
        console.log(`${hookpoint}: cache and summaries ready (job ${job.id})`);
      }
    });
}
