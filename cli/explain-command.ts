// `rewrite explain`: an explanation for each latent of the pack's cache, from an LLM or the statistical baseline.
// Runs as an "explain" job (shown on /jobs); a rerun after an interruption adopts and continues it.
import type { Command } from "commander";
import { estimateExplainCalls, pendingLatents } from "@/lib/explain";
import { EXPLAIN_JOB_KIND, explainJobHandler, stageExplainer } from "@/lib/pipeline/explain-job";
import { addStageOptions, countByReason, openStageCli, printEstimate, printUsage, progressBar, runStageJob, type StageCliOptions } from "./stage-cli";

export function registerExplainCommand(program: Command): void {
  addStageOptions(program.command("explain"))
    .description("Explain each latent from its quantile-sampled examples (LLM, or the offline statistical baseline).")
    .action(async (options: StageCliOptions) => {
      const cli = openStageCli(options, "statistical explainer (token enrichment, no LLM)");
      const base = { cacheId: cli.cache.id, latents: options.latents, force: options.force, seed: options.seed, tokenText: cli.tokenText };
      if (!cli.client) console.log(`Counting the background token frequencies over the cache's ${cli.cache.numTokens} tokens…`);
      const explainer = stageExplainer(cli.db, cli);
      const pending = pendingLatents(cli.db, { ...base, explainer });
      console.log(`Explainer ${explainer.id}: ${pending.length} latents to explain in ${cli.cache.hookpoint}.`);
      printEstimate("explaining", estimateExplainCalls(cli.db, { ...base, explainer }));
      if (options.dryRun) return;

      const bar = progressBar(`explain (${explainer.id})`, pending.length);
      const handler = explainJobHandler({
        db: cli.db,
        client: cli.client,
        explainer,
        onProgress: (p) => bar.update(p.done, { status: p.result.ok ? `latent ${p.latent}` : `latent ${p.latent} failed: ${p.result.reason}` }),
        onResult: (result) => {
          bar.stop();
          console.log(`${explainer.id}: explained ${result.explained}, failed ${result.failed}, skipped ${result.skipped} (already explained by it or edited by a user).`);
          if (result.failed > 0) {
            console.log(`Failures (no explanation stored; shown on each latent's page): ${countByReason(result.failures.map((f) => f.reason))}`);
            for (const f of result.failures.slice(0, 5)) console.log(`  latent ${f.latent}: ${f.reason}: ${f.detail}`);
          }
        },
      });
      await runStageJob(cli, EXPLAIN_JOB_KIND, cli.params, handler).finally(() => bar.stop());
      printUsage(cli.client);
    });
}
