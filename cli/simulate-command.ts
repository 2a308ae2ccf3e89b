// `rewrite simulate`: the current explanations simulated on a seeded sample of cached tokens (§2.2), through the
// prediction cache, with how well the raw predictions track the true activations. Runs as a "simulate" job (shown
// on /jobs); a rerun after an interruption adopts it, and the prediction cache skips every answer already stored.
import { type Command, InvalidArgumentError } from "commander";
import { estimateSimulateCalls, measuredSimulatorRate } from "@/lib/simulate";
import { SIMULATE_JOB_KIND, simulateJobHandler, type SimulateJobParams, simulateStageOptions } from "@/lib/pipeline/simulate-job";
import { addStageOptions, formatReasonCounts, openStageCli, printEstimate, printUsage, progressBar, runStageJob, type StageCliOptions } from "./stage-cli";
import { integerAtLeast } from "./integer-option";

interface SimulateCliOptions extends StageCliOptions {
  tokens: number;
  window: number;
  stopAtCiWidth?: number;
}

function positiveWidth(value: string): number {
  const width = Number(value);
  if (!(width > 0 && width <= 2)) throw new InvalidArgumentError(`"${value}" is not a CI width in (0, 2] (r lies in [-1, 1])`);
  return width;
}

const shown = (x: number, digits: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(digits));

export function registerSimulateCommand(program: Command): void {
  addStageOptions(program.command("simulate"))
    .description("Simulate latents from their explanations on sampled tokens (LLM digit 0–9, or the offline lexical baseline).")
    .option("--tokens <n>", "cached tokens to simulate each latent on", integerAtLeast(1), 1000)
    .option("--window <n>", "tokens of context ending at the simulated token", integerAtLeast(1), 32)
    .option("--stop-at-ci-width <w>", "stop a latent once the 95% bootstrap CI of r(prediction, truth) is narrower than w (checked every 100 contexts)", positiveWidth)
    .action(async (options: SimulateCliOptions) => {
      const cli = openStageCli(options, "lexical simulator (string matching of the explanation, no LLM)");
      const params: SimulateJobParams = { ...cli.params, tokens: options.tokens, window: options.window, ...(options.stopAtCiWidth ? { stopAtCiWidth: options.stopAtCiWidth } : {}) };
      const stageOptions = simulateStageOptions(params, { cacheId: cli.cache.id, client: cli.client, tokenText: cli.tokenText });
      const reuse = options.force
        ? "--force: every context is asked again"
        : "answers already in the prediction cache are not asked again (failures whose cause can change are)";
      console.log(`Simulator ${stageOptions.simulator.id}: ${options.tokens} tokens per latent, ${options.window}-token windows; ${reuse}.`);
      printEstimate("simulating", estimateSimulateCalls(cli.db, stageOptions), measuredSimulatorRate(cli.db, stageOptions.simulator.id));
      if (options.dryRun) return;

      const bar = progressBar(`simulate (${stageOptions.simulator.id})`, 1);
      const handler = simulateJobHandler({
        db: cli.db,
        client: cli.client,
        onProgress: ({ latent, contexts, overall }) => {
          bar.setTotal(overall.total);
          bar.update(overall.done, { status: `latent ${latent}, ${contexts.failed} failed` });
        },
        onResult: (summaries, simulator) => {
          bar.stop();
          console.log(`Raw predictions (0–9) of ${simulator.id}${simulator.kind === "baseline" ? " — offline baseline, not an LLM" : ""}:`);
          console.log("latent  failed  cached  mean    r(true)  active  explanation");
          for (const s of summaries) {
            const failures = s.failed ? ` [${formatReasonCounts(s.failuresByReason)}]` : "";
            console.log(
              `${String(s.latent).padEnd(7)} ${String(s.failed).padEnd(7)} ${String(s.fromCache).padEnd(7)} ${shown(s.meanPrediction, 2).padEnd(7)} ` +
                `${shown(s.correlation, 3).padEnd(8)} ${String(s.activeContexts).padEnd(7)} ${JSON.stringify(s.explanation.slice(0, 60))}${failures}`,
            );
          }
          const stopped = summaries.filter((s) => s.asked < s.contexts);
          if (stopped.length > 0) {
            const asked = stopped.reduce((sum, s) => sum + s.asked, 0);
            console.log(`${stopped.length} latents stopped early (CI of r narrower than ${options.stopAtCiWidth}), after ${(asked / stopped.length).toFixed(0)} of ${options.tokens} contexts on average.`);
          }
          const failed = summaries.reduce((sum, s) => sum + s.failed, 0);
          if (failed > 0) console.log(`${failed} predictions failed; they are stored with their reason and never read as 0.`);
        },
      });
      await runStageJob(cli, SIMULATE_JOB_KIND, params, handler).finally(() => bar.stop());
      printUsage(cli.client);
    });
}
