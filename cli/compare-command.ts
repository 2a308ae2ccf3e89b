// `rewrite compare <a> <b>`: two runs on the same prompts, paired (run-comparison.ts): the Figure-3 CE per prompt,
// sensitivity, specificity and detection score per latent, b − a with bootstrap CIs and verdicts.
import type { Command } from "commander";
import { getDatabase } from "@/db/client";
import { compareRuns, runComparisonMarkdown } from "@/lib/evaluate";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";

export function registerCompareCommand(program: Command): void {
  program
    .command("compare")
    .description("Pair two evaluation runs of the same coder and prompts (say, plain vs contrastive explanations): Figure-3 CE, sensitivity, specificity, detection score.")
    .argument("<a>", "the reference run id")
    .argument("<b>", "the run compared with it")
    .option("--fractions <list>", "fractions rewritten to compare", (v) => v.split(",").map(Number), [0.5, 1])
    .option("--labels <a,b>", "names of the two runs in the table", (v) => v.split(","), ["a", "b"])
    .action(async (a: string, b: string, options: { fractions: number[]; labels: string[] }) => {
      const store = new SqliteEvaluationRunStore(getDatabase());
      const [runA, runB] = await Promise.all([store.load(a), store.load(b)]);
      if (!runA || !runB) throw new Error(`no finished evaluation run ${runA ? b : a}; list them on /runs`);
      const rows = compareRuns(runA, runB, options.fractions, { resamples: runA.result.config.bootstrapResamples, level: runA.result.config.ciLevel });
      console.log(runComparisonMarkdown(rows, { a: options.labels[0] ?? "a", b: options.labels[1] ?? "b" }));
    });
}
