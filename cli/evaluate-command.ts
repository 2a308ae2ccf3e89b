// `rewrite evaluate`: Fig. 3 for one coder of the pack: simulate, calibrate, rewrite by fraction, CE vs the
// baselines; stores the run (see /runs) and prints its table. Runs as an "evaluate" job, shown on /jobs.
import { Option, type Command } from "commander";
import { getDatabase } from "@/db/client";
import { EVALUATION_JOB_KIND, evaluationJobHandler, type EvaluationJobParams, type SimulatorChoice } from "@/lib/evaluate";
import { runNewJob } from "@/lib/jobs/job-runner";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { defaultCoder } from "@/lib/packs/default-coder";
import { openReadablePack } from "@/lib/packs/open-pack";
import { printEvaluationPlan } from "./evaluation-plan";
import { addEvaluationOptions, evaluationSettingsOf, printEvaluationRuns, type EvaluationCliOptions } from "./evaluation-options";
import { chosenPackDir, PACK_OPTION_HELP } from "./pack-option";
import { stageProgressBar } from "./stage-progress-bar";
import { stopSignal } from "./stop-signal";

export function registerEvaluateCommand(program: Command, loadRuntime: (packDir: string) => PackRuntime): void {
  const command = program
    .command("evaluate")
    .description("Rewrite a growing fraction of a coder's latents from their simulated explanations and measure the CE increase (Fig. 3).")
    .option("--pack <name|dir>", PACK_OPTION_HELP)
    .option("--coder <hookpoint>", "coder to evaluate, e.g. layers.2.mlp (default: the pack's transcoder)")
    .addOption(
      new Option("--simulator <kind>", "who predicts the activations: the offline lexical baseline, or the LLM of REWRITE_LLM_BASE_URL")
        .choices(["lexical-baseline", "llm"])
        .default("lexical-baseline"),
    );
  command.option("--dry-run", "print the plan of LLM calls, tokens, wall time and cost, then stop");
  addEvaluationOptions(command).action(async (options: EvaluationCliOptions & { pack?: string; coder?: string; simulator: SimulatorChoice; dryRun?: boolean }) => {
    const { pack } = openReadablePack(chosenPackDir(options.pack));
    const hookpoint = options.coder ?? defaultCoder(pack).hookpoint;
    const db = getDatabase();
    const signal = stopSignal();
    const bar = stageProgressBar(hookpoint);
    let printRuns: (() => Promise<void>) | undefined;
    const params: EvaluationJobParams = { packDir: pack.dir, hookpoint, simulator: options.simulator, settings: evaluationSettingsOf(options) };
    printEvaluationPlan(db, pack.dir, hookpoint, params.settings, options.simulator);
    if (options.dryRun) return;
    const handler = evaluationJobHandler({
      db,
      loadRuntime,
      onProgress: (step, done, total) => bar.update(step, done, total),
      onRuns: (runs, simulator, reused) => {
        printRuns = async () => {
          if (reused) console.log("These runs already existed with the same config and inputs; nothing was recomputed.");
          await printEvaluationRuns(db, runs, simulator, options.statistic);
        };
      },
    });
    const job = await runNewJob(db, EVALUATION_JOB_KIND, params, handler, { signal });
    bar.stop();
    if (job.status !== "done" || !printRuns) throw new Error(`job ${job.id} (${hookpoint}) failed: ${job.error ?? "unknown error"}`);
    await printRuns();
  });
}
