// `rewrite bench`: the speed figures the project tracks; each suite lives in bench/ and prints its own table.
import type { Command } from "commander";
import { DEFAULT_BENCH_CACHE_TOKENS, runCacheBench } from "@/bench/cache-bench";
import { DEFAULT_SCALE_PROMPTS, runEvaluationScaleBench } from "@/bench/evaluation-scale-bench";
import { LATENT_PAGE_GOAL_MS, runLatentPageBench } from "@/bench/latent-page-bench";
import { runLedgerBench } from "@/bench/ledger-bench";
import { runRuntimeBench } from "@/bench/runtime-bench";
import { runSimulationBench } from "@/bench/simulation-bench";
import { runSimulationOverheadBench } from "@/bench/simulation-overhead-bench";
import { integerAtLeast } from "./integer-option";

const SUITES = ["runtime", "simulation", "simulation-overhead", "cache", "latent-page", "ledger", "evaluation-scale"] as const;
type Suite = (typeof SUITES)[number];

export function registerBenchCommand(program: Command): void {
  program
    .command("bench")
    .description(
      "Benchmarks: ONNX runtime vs PyTorch CPU and the last-token fast path (runtime); simulator predictions/s at 1, 8 and 64 prompts per request (simulation); simulation orchestration overhead vs raw LLM requests (simulation-overhead); " +
        `activation cache build tokens/s (cache); latent page server time vs the ${LATENT_PAGE_GOAL_MS} ms goal (latent-page); ` +
        "the fix-first ledger over every demo latent on the evaluation's prompts (ledger); " +
        "the streaming evaluation's time and peak memory at the paper's scale, 32,768 latents and up to 10K prompts (evaluation-scale).",
    )
    .argument("[suites...]", `which suites to run: ${SUITES.join(", ")} (default: all)`)
    .option("--model <name...>", "runtime: demo-shaped and/or pythia-160m-shaped (default: both)")
    .option("--threads <n>", "runtime: threads for both onnxruntime and PyTorch (default: all cores)", (v) => Number(v))
    .option("--predictions <n>", "simulation, simulation-overhead: predictions per setting / round (default 10000)", (v) => Number(v))
    .option("--tokens <n>", `cache: tokens per coder (default ${DEFAULT_BENCH_CACHE_TOKENS}); latent-page: tokens of the cache it builds when none is prepared (default 2^20)`, integerAtLeast(1))
    .option("--batch <n>", "cache: contexts per encoder call", integerAtLeast(1))
    .option("--latents <n>", "latent-page: random latents to time (default 60); evaluation-scale: transcoder latents (default 32768)", integerAtLeast(1))
    .option("--prompts <list>", `evaluation-scale: prompt counts, comma-separated (default ${DEFAULT_SCALE_PROMPTS.join(",")})`, (v) => v.split(",").map((n) => integerAtLeast(1)(n.trim())))
    .action(async (suites: string[], options: { model?: string[]; threads?: number; predictions?: number; tokens?: number; batch?: number; latents?: number; prompts?: number[] }) => {
      const unknown = suites.filter((suite) => !SUITES.includes(suite as Suite));
      if (unknown.length) throw new Error(`unknown bench suite(s) ${unknown.join(", ")}; choose from ${SUITES.join(", ")}`);
      const chosen = suites.length ? (suites as Suite[]) : [...SUITES];
      if (chosen.includes("runtime")) await runRuntimeBench({ models: options.model, threads: options.threads });
      if (chosen.includes("simulation")) await runSimulationBench({ predictions: options.predictions });
      if (chosen.includes("simulation-overhead")) await runSimulationOverheadBench({ predictions: options.predictions });
      if (chosen.includes("cache")) await runCacheBench({ tokens: options.tokens, batchSize: options.batch });
      if (chosen.includes("latent-page")) await runLatentPageBench({ latents: options.latents, tokens: options.tokens });
      if (chosen.includes("ledger")) await runLedgerBench();
      if (chosen.includes("evaluation-scale")) await runEvaluationScaleBench({ prompts: options.prompts, latents: options.latents });
    });
}
