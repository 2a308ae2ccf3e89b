// `rewrite bench`: model runtime throughput vs PyTorch and the last-token fast path (bench/runtime-bench.ts).
import type { Command } from "commander";
import { runRuntimeBench } from "@/bench/runtime-bench";

export function registerBenchCommand(program: Command): void {
  program
    .command("bench")
    .description("Benchmark the ONNX runtime against PyTorch CPU on random Pythia-shaped weights (tokens/s, last-token fast path).")
    .option("--model <name...>", "demo-shaped and/or pythia-160m-shaped (default: both)")
    .option("--threads <n>", "threads for both onnxruntime and PyTorch (default: all cores)", (v) => Number(v))
    .action(async (options: { model?: string[]; threads?: number }) => {
      await runRuntimeBench({ models: options.model, threads: options.threads });
    });
}
