// `rewrite explain-contrastive`: explanations written with the latent's nearest latents (decoder cosine) shown as
// contrast, by an LLM or the offline contrastive baseline; a new current version per latent, told apart from the
// plain explainer's. Then `rewrite score` and `rewrite evaluate` measure them, and `rewrite compare` pairs the runs.
import type { Command } from "commander";
import { openStageCache } from "@/lib/cache/stage-cache";
import { cacheTokenCounts } from "@/lib/explain";
import { explainLatentsContrastively } from "@/lib/explain";
import { ContrastiveStatisticalExplainer, LlmContrastiveExplainer } from "@/lib/explain";
import { integerAtLeast } from "./integer-option";
import { addStageOptions, countByReason, openStageCli, printUsage, progressBar, type StageCliOptions } from "./stage-cli";

export function registerExplainContrastiveCommand(program: Command): void {
  addStageOptions(program.command("explain-contrastive"))
    .description("Explain each latent against its nearest latents' examples (LLM, or the offline contrastive baseline): what separates it from them.")
    .option("--neighbours <n>", "nearest latents by decoder cosine shown as contrast", integerAtLeast(1), 3)
    .action(async (options: StageCliOptions & { neighbours: number }) => {
      const cli = openStageCli(options, "contrastive statistical explainer (tokens that separate a latent from its neighbours, no LLM)");
      const explainer = cli.client
        ? new LlmContrastiveExplainer(cli.client)
        : new ContrastiveStatisticalExplainer(cacheTokenCounts(openStageCache(cli.db, cli.cache.id, { tokenText: cli.tokenText }).cache, cli.tokenText));
      if (options.dryRun) return;
      const bar = progressBar(`explain-contrastive (${explainer.id})`, 0);
      const result = await explainLatentsContrastively(cli.db, {
        cacheId: cli.cache.id,
        explainer,
        neighbours: options.neighbours,
        latents: options.latents,
        force: options.force,
        seed: options.seed,
        tokenText: cli.tokenText,
        signal: cli.signal,
        onProgress: (p) => {
          bar.setTotal(p.total);
          bar.update(p.done, { status: p.result.ok ? `latent ${p.latent}` : `latent ${p.latent} failed: ${p.result.reason}` });
        },
      }).finally(() => bar.stop());
      console.log(`${explainer.id}: explained ${result.explained}, failed ${result.failed}, skipped ${result.skipped} (already explained by it or edited by a user).`);
      if (result.failed > 0) console.log(`Failures: ${countByReason(result.failures.map((f) => f.reason))}`);
      printUsage(cli.client);
    });
}
