// `rewrite bench`: the speed figures the project tracks; each suite lives in bench/ and prints its own table.
import type { Command } from "commander";
import { runRuntimeBench } from "@/bench/runtime-bench";
import { runSimulationOverheadBench } from "@/bench/simulation-overhead-bench";

const SUITES = ["runtime", "simulation"] as const;
type Suite = (typeof SUITES)[number];

export function registerBenchCommand(program: Command): void {
  program
    .command("bench")
    .description("Benchmarks: ONNX runtime vs PyTorch CPU and the last-token fast path (runtime); simulation orchestration overhead vs raw LLM requests (simulation).")
    .argument("[suites...]", `which suites to run: ${SUITES.join(", ")} (default: all)`)
    .option("--model <name...>", "runtime: demo-shaped and/or pythia-160m-shaped (default: both)")
    .option("--threads <n>", "runtime: threads for both onnxruntime and PyTorch (default: all cores)", (v) => Number(v))
    .option("--predictions <n>", "simulation: predictions per round (default 10000)", (v) => Number(v))
    .action(async (suites: string[], options: { model?: string[]; threads?: number; predictions?: number }) => {
      const unknown = suites.filter((suite) => !SUITES.includes(suite as Suite));
      if (unknown.length) throw new Error(`unknown bench suite(s) ${unknown.join(", ")}; choose from ${SUITES.join(", ")}`);
      const chosen = suites.length ? (suites as Suite[]) : [...SUITES];
      if (chosen.includes("runtime")) await runRuntimeBench({ models: options.model, threads: options.threads });
      if (chosen.includes("simulation")) await runSimulationOverheadBench({ predictions: options.predictions });
    });
}
