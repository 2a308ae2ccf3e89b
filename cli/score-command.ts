// `rewrite score`: detection and fuzzing scores of the current explanations, by an LLM or the lexical baseline.
// Runs as a "score" job (shown on /jobs); a rerun after an interruption adopts and continues it.
import { type Command, Option } from "commander";
import { type ClassificationTask, estimateScoreCalls, planScores } from "@/lib/score";
import { SCORE_JOB_KIND, scoreJobHandler, type ScoreJobParams, scoreStageOptions } from "@/lib/pipeline/score-job";
import { addStageOptions, countByReason, openStageCli, printEstimate, printUsage, progressBar, runStageJob, type StageCliOptions } from "./stage-cli";
import { integerAtLeast } from "./integer-option";

interface ScoreCliOptions extends StageCliOptions {
  task: ClassificationTask[];
  activating: number;
  nonActivating: number;
  perPrompt: number;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function registerScoreCommand(program: Command): void {
  addStageOptions(program.command("score"))
    .description("Score each current explanation by detection and fuzzing (balanced accuracy; LLM, or the offline lexical baseline).")
    .addOption(new Option("--task <task...>", "scoring tasks").choices(["detection", "fuzzing"]).default(["detection", "fuzzing"]))
    .option("--activating <n>", "activating examples per latent (paper: 100)", integerAtLeast(1), 100)
    .option("--non-activating <n>", "non-activating examples per latent (paper: 100)", integerAtLeast(1), 100)
    .option("--per-prompt <n>", "examples per LLM prompt", integerAtLeast(1), 5)
    .action(async (options: ScoreCliOptions) => {
      const cli = openStageCli(options, "lexical scorer (string matching of the explanation, no LLM)");
      const params: ScoreJobParams = { ...cli.params, tasks: options.task, activating: options.activating, nonActivating: options.nonActivating, perPrompt: options.perPrompt };
      const stageOptions = scoreStageOptions(params, { cacheId: cli.cache.id, client: cli.client, tokenText: cli.tokenText });
      const plan = planScores(cli.db, stageOptions);
      const pairs = plan.pending.reduce((sum, p) => sum + p.tasks.length, 0);
      const label = cli.client ? `llm:${cli.client.model}` : "lexical-baseline";
      console.log(
        `Scorer ${label}: ${pairs} (latent, task) pairs to score; ${plan.skipped} already scored by it; ${plan.noExplanation} latents have no explanation yet (run \`rewrite explain\`).`,
      );
      printEstimate("scoring", estimateScoreCalls(cli.db, stageOptions));
      if (options.dryRun) return;

      const bar = progressBar(`score (${label})`, plan.pending.length);
      const accuracies = new Map<ClassificationTask, number[]>(options.task.map((t) => [t, []]));
      const handler = scoreJobHandler({
        db: cli.db,
        client: cli.client,
        onProgress: (p) => {
          for (const o of p.outcomes) if (o.kind === "scored") accuracies.get(o.task)?.push(o.result.scores.balancedAccuracy);
          bar.update(p.done, { status: `latent ${p.latent}` });
        },
        onResult: (result) => {
          bar.stop();
          const baseline = cli.client ? "" : " — offline baseline, not an LLM score";
          console.log(`${result.scorerSource}: scored ${result.scored} (latent, task) pairs, failed ${result.failed}, skipped ${result.skipped}${baseline}.`);
          for (const [task, values] of accuracies) {
            if (values.length) console.log(`  mean ${task} balanced accuracy (${result.scorerSource}): ${mean(values).toFixed(3)} over ${values.length} latents`);
          }
          if (result.failedExamples > 0) console.log(`  ${result.failedExamples} examples got no usable answer; they are left out of the scores, not counted as 0.`);
          if (result.promptsWithoutLogprobs > 0) {
            console.log(
              `  Warning: ${result.promptsWithoutLogprobs} answers came without usable logprobs, so their scores have no AUC; use a server that ` +
                "returns logprobs on chat completions (vLLM without --return-tokens-as-token-ids, llama.cpp server, Ollama 0.12.11 or later).",
            );
          }
          if (result.failed > 0) {
            console.log(`Failures (no score stored; shown on each latent's page): ${countByReason(result.failures.map((f) => f.reason))}`);
            for (const f of result.failures.slice(0, 5)) console.log(`  latent ${f.latent} ${f.task}: ${f.detail}`);
          }
        },
      });
      await runStageJob(cli, SCORE_JOB_KIND, params, handler).finally(() => bar.stop());
      printUsage(cli.client);
    });
}
