// `rewrite plan`: the simulate stage's LLM load for a run described by its sizes (default: the seed paper's 32,768
// latents × 10K prompts), with wall time and cost at the given or configured rates, before anything is cached.
import { type Command, InvalidArgumentError } from "commander";
import { describeEstimate } from "@/lib/llm";
import { readLlmConfig } from "@/lib/llm";
import { describePlanTime, planFor, readPlanSettings } from "@/lib/llm";
import { PROMPT_FORMATS, type PromptFormat } from "@/lib/llm";
import { DEFAULT_SIMULATOR_MAX_TOKENS } from "@/lib/simulate";
import { estimateDescribedSimulation } from "@/lib/simulate";
import { integerAtLeast } from "./integer-option";

interface PlanCliOptions {
  latentCount: number;
  prompts: number;
  window: number;
  explanationChars: number;
  maxTokens?: number;
  batch?: number;
  promptFormat?: PromptFormat;
  promptsPerS?: number[];
}

function positiveRate(value: string, previous: number[] = []): number[] {
  const rate = Number(value);
  if (!(rate > 0)) throw new InvalidArgumentError(`"${value}" is not a rate above 0 (prompts per second)`);
  return [...previous, rate];
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("Plan a simulate run described by its sizes (default: the paper's 32,768 latents × 10K prompts): calls, requests, tokens, wall time, cost.")
    .option("--latent-count <n>", "latents to simulate", integerAtLeast(1), 32_768)
    .option("--prompts <n>", "contexts per latent", integerAtLeast(1), 10_000)
    .option("--window <n>", "tokens per context window", integerAtLeast(1), 32)
    .option("--explanation-chars <n>", "length of a typical explanation", integerAtLeast(1), 60)
    .option("--max-tokens <n>", `max_tokens per prompt (default: REWRITE_LLM_SIMULATE_MAX_TOKENS, else ${DEFAULT_SIMULATOR_MAX_TOKENS})`, integerAtLeast(1))
    .option("--batch <n>", "prompts per /v1/completions request (default: REWRITE_LLM_BATCH_SIZE, else one chat request each)", integerAtLeast(1))
    .option("--prompt-format <format>", `format of batched prompts: ${PROMPT_FORMATS.join(", ")} (default: REWRITE_LLM_PROMPT_FORMAT, else llama3)`)
    .option("--prompts-per-s <rate>", "a server rate to plan at; repeat for several (default: REWRITE_LLM_PROMPTS_PER_S)", positiveRate)
    .action((options: PlanCliOptions) => {
      const config = process.env.REWRITE_LLM_BASE_URL ? readLlmConfig(process.env) : null;
      const batchSize = options.batch ?? config?.batch?.size;
      const promptFormat = options.promptFormat ?? config?.batch?.promptFormat ?? "llama3";
      if (!PROMPT_FORMATS.includes(promptFormat)) throw new InvalidArgumentError(`--prompt-format must be one of ${PROMPT_FORMATS.join(", ")} (got "${promptFormat}")`);
      const run = {
        latents: options.latentCount,
        promptsPerLatent: options.prompts,
        windowTokens: options.window,
        explanationChars: options.explanationChars,
        maxTokens: options.maxTokens ?? config?.maxTokens?.simulate ?? DEFAULT_SIMULATOR_MAX_TOKENS,
        batch: batchSize ? { size: batchSize, promptFormat } : null,
      };
      const estimate = estimateDescribedSimulation(run);
      const how = run.batch ? `${run.batch.size} prompts per /v1/completions request (${promptFormat})` : "one chat request per prompt";
      console.log(
        `Simulating ${run.latents.toLocaleString("en-US")} latents × ${run.promptsPerLatent.toLocaleString("en-US")} contexts of ${run.windowTokens} tokens, ` +
          `max_tokens ${run.maxTokens}, ${how}:`,
      );
      console.log(`  ${describeEstimate(estimate)} (tokens ≈ characters / 4; a context token counted as one LLM token).`);
      const settings = readPlanSettings(process.env);
      for (const rate of options.promptsPerS ?? [null]) {
        const given = rate === null ? null : { promptsPerS: rate, source: "given (--prompts-per-s)" };
        const plan = planFor(estimate, given ? { ...settings, promptsPerS: null } : settings, given);
        console.log(`  ${describePlanTime(plan, settings)}.`);
      }
    });
}
