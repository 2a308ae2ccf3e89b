// What `rewrite explain | score | simulate` share: the pack and coder whose cache they work on, the latents, the
// LLM or the offline baseline (said out loud), a progress bar, and the final usage line.
import { type Command, InvalidArgumentError, Option } from "commander";
import type { ActivationCacheRow } from "@/db/activation-caches";
import { getDatabase, type RewriteDatabase } from "@/db/client";
import { cacheTokenText } from "@/lib/cache/stage-cache";
import { parseLatentList as parseLatents } from "@/lib/core/latent-list";
import type { TokenText } from "@/lib/cache/token-display";
import { describeEstimate, type CallEstimate } from "@/lib/llm";
import { describePlanTime, planFor, type PlanRate, readPlanSettings } from "@/lib/llm";
import { LlmClient } from "@/lib/llm";
import { type LlmConfig, MAX_TOKENS_VARIABLES, readLlmConfig } from "@/lib/llm";
import { type JobHandler, runNewJob } from "@/lib/jobs/job-runner";
import { defaultCoder } from "@/lib/packs/default-coder";
import { openReadablePack } from "@/lib/packs/open-pack";
import { finishedStageCache, type StageJobParams } from "@/lib/pipeline/stage-job-target";
import { integerAtLeast } from "./integer-option";
import { chosenPackDir, PACK_OPTION_HELP } from "./pack-option";
import { stopSignal } from "./stop-signal";

export { progressBar } from "./stage-progress-bar";

export interface StageCliOptions {
  pack?: string;
  coder?: string;
  latents?: number[];
  baseline?: boolean;
  force?: boolean;
  dryRun?: boolean;
  seed: number;
}

export interface StageCli {
  db: RewriteDatabase;
  cache: ActivationCacheRow;
  tokenText: TokenText;
  /** null: the offline baselines run (no server configured, or --baseline). */
  client: LlmClient | null;
  /** What the stage's job records: pack, coder, LLM or baseline, latents, --force, seed. */
  params: StageJobParams;
  signal: AbortSignal;
}

/** The --latents argument, e.g. "0-99,200"; a bad part is commander's InvalidArgumentError. */
export function parseLatentList(text: string): number[] {
  try {
    return parseLatents(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function addStageOptions(command: Command): Command {
  return command
    .option("--pack <name|dir>", PACK_OPTION_HELP)
    .option("--coder <hookpoint>", "coder whose latents to work on (default: the pack's transcoder)")
    .option("--latents <list>", 'latents, e.g. "0-99,200" (default: every latent that fires)', parseLatentList)
    .option("--baseline", "use the offline baseline even when an LLM server is configured")
    .option("--force", "redo work already stored for the same explainer / scorer / simulator (stored predictions are asked again)")
    .option("--dry-run", "print the estimate of calls and tokens, then stop")
    .addOption(new Option("--seed <n>", "seed for the example and context sampling").argParser(integerAtLeast(0)).default(0));
}

/** Opens the pack's cache for `hookpoint` and the LLM client, printing which of LLM / baseline will run and why. */
export function openStageCli(options: StageCliOptions, baselineName: string): StageCli {
  const packDir = chosenPackDir(options.pack);
  const hookpoint = options.coder ?? defaultCoder(openReadablePack(packDir).manifest).hookpoint;
  const db = getDatabase();
  const cache = finishedStageCache(db, packDir, hookpoint);
  const config = options.baseline ? null : readLlmConfig(process.env);
  if (options.baseline) console.log(`--baseline: using the offline ${baselineName}; its numbers are labelled as baseline.`);
  else if (!config) console.log(`REWRITE_LLM_BASE_URL is not set: using the offline ${baselineName}; its numbers are labelled as baseline.`);
  else console.log(`LLM: ${config.model} at ${config.baseUrl} (REWRITE_LLM_CONCURRENCY ${config.concurrency}${describeLlmSettings(config)})`);
  return {
    db,
    cache,
    tokenText: cacheTokenText(db, cache, packDir),
    client: config ? new LlmClient(config) : null,
    params: { packDir, hookpoint, llm: config?.model ?? null, latents: options.latents, force: options.force, seed: options.seed },
    signal: stopSignal(),
  };
}

/**
 * Runs the stage as a job (shown on /jobs); a rerun after an interruption adopts the interrupted job. Throws when
 * it did not finish, saying why and that a rerun resumes it.
 */
export async function runStageJob(cli: StageCli, kind: string, params: StageJobParams, handler: JobHandler<unknown>): Promise<void> {
  const job = await runNewJob(cli.db, kind, params, handler, { signal: cli.signal });
  if (job.status !== "done") throw new Error(`job ${job.id} (${kind} ${params.hookpoint}) ended ${job.status}: ${job.error ?? "no reason recorded"}`);
}

/** The settings that change what is asked of a thinking model, when set: "; REWRITE_LLM_THINKING=off, …". */
function describeLlmSettings(config: LlmConfig): string {
  const set = [
    ...(config.thinking ? [`REWRITE_LLM_THINKING=${config.thinking}`] : []),
    ...Object.entries(config.maxTokens ?? {}).map(([stage, n]) => `${MAX_TOKENS_VARIABLES[stage as keyof typeof MAX_TOKENS_VARIABLES]}=${n}`),
    ...(config.simulatorExpectedValue ? [`REWRITE_LLM_SIMULATOR_EXPECTED_VALUE=${config.simulatorExpectedValue}`] : []),
  ];
  return set.length ? `; ${set.join(", ")}` : "";
}

/** The plan before a stage starts: calls, requests and tokens, then wall time and cost at the configured or measured rate. */
export function printEstimate(what: string, estimate: CallEstimate, measured: PlanRate | null = null): void {
  console.log(`Estimate for ${what}: ${describeEstimate(estimate)} (tokens ≈ characters / 4).`);
  if (estimate.calls === 0) return;
  const settings = readPlanSettings(process.env);
  console.log(`  ${describePlanTime(planFor(estimate, settings, measured), settings)}.`);
}


/** e.g. "3 × no-explanation-line, 1 × llm-request-failed". */
export function formatReasonCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([reason, n]) => `${n} × ${reason}`)
    .join(", ");
}

export function countByReason(reasons: readonly string[]): string {
  const counts: Record<string, number> = {};
  for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return formatReasonCounts(counts);
}

export function printUsage(client: LlmClient | null): void {
  if (!client) return;
  const u = client.usage();
  const served = client.differentServedModel();
  console.log(
    `LLM usage (${client.model}${served ? `; the server reported ${served}` : ""}): ${u.calls} calls${u.prompts > u.calls ? ` carrying ${u.prompts} prompts` : ""}, ${u.attempts} HTTP requests, ${u.retries} retries, ${u.failures} failed calls, ` +
      `${u.promptTokens} prompt + ${u.completionTokens} completion tokens (as reported by the server)`,
  );
}
