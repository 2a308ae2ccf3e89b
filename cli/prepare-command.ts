// `rewrite prepare`: build everything the app shows for a pack, offline (cache → baseline explanations → baseline
// scores → simulation → calibration → Fig. 3 run), so the first start of the app already has results. A second
// run finds every step done and only checks.
import type { Command } from "commander";
import { getDatabase } from "@/db/client";
import { runPrepare } from "@/lib/pipeline/prepare-pipeline";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { defaultCoder } from "@/lib/packs/default-coder";
import { openReadablePack } from "@/lib/packs/open-pack";
import { dataDir } from "@/lib/settings";
import { addEvaluationOptions, evaluationSettingsOf, printEvaluationRuns, type EvaluationCliOptions } from "./evaluation-options";
import { stageProgressBar } from "./stage-progress-bar";
import { integerAtLeast } from "./integer-option";
import { chosenPackDir } from "./pack-option";
import { addCacheOptions, type CacheCliOptions } from "./cache-options";
import { stopSignal } from "./stop-signal";

/** 25 + 25 windows per latent keeps `prepare` on the demo pack within minutes on two cores (see packs/demo/README.md). */
const DEFAULT_SCORING_EXAMPLES = 25;

export function registerPrepareCommand(program: Command, loadRuntime: (packDir: string) => PackRuntime): void {
  const command = addCacheOptions(
    program
      .command("prepare")
      .description("Cache, explain (statistical baseline), score (lexical baseline), simulate (lexical baseline), calibrate and evaluate a pack's coder."),
    "coders to prepare, e.g. layers.2.mlp layers.2 (default: the pack's transcoder)",
  )
    .option("--cache-seed <n>", "seed of the cache's document order, example sampling and scoring windows", integerAtLeast(0), 0)
    .option("--score-examples <n>", "activating and silent windows per latent for the lexical scores (the paper: 100)", integerAtLeast(1), DEFAULT_SCORING_EXAMPLES);
  addEvaluationOptions(command, "cache").action(async (options: EvaluationCliOptions & CacheCliOptions & { cacheSeed: number; scoreExamples: number }) => {
    const started = performance.now();
    console.log("Estimate for preparing: no LLM calls (prepare uses the offline baselines: statistical explainer, lexical scorer and simulator).");
    const { pack } = openReadablePack(chosenPackDir(options.pack));
    const db = getDatabase();
    const signal = stopSignal();
    for (const hookpoint of options.coder ?? [defaultCoder(pack).hookpoint]) {
      const bar = stageProgressBar(hookpoint);
      const result = await runPrepare({
        db,
        dataDir: dataDir(),
        packDir: pack.dir,
        loadRuntime,
        hookpoint,
        numTokens: options.tokens,
        seed: options.cacheSeed,
        scoringExamplesPerClass: options.scoreExamples,
        settings: evaluationSettingsOf(options),
        signal,
        onProgress: (step, done, total) => bar.update(step, done, total),
      }).finally(() => bar.stop());
      console.log(`${hookpoint}: cache ${result.cacheId}, ${result.explained} latents newly explained, ${result.scored} scores newly stored.`);
      console.log(`Time per step: ${bar.timings().map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join(", ")}.`);
      await printEvaluationRuns(db, result.runs, result.simulator, options.statistic);
    }
    console.log(`\nprepare finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  });
}
