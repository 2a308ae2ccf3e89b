#!/usr/bin/env -S npx tsx
import { Command } from "commander";
import { packCacheRuntime } from "@/lib/cache/pack-cache-runtime";
import { getDatabase } from "@/db/client";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { atProcessStart } from "@/lib/pipeline/process-startup";
import { registerBenchCommand } from "./bench-command";
import { registerCacheCommand } from "./cache-command";
import { registerCompareCommand } from "./compare-command";
import { registerDelphiCommand } from "./delphi-command";
import { registerEvaluateCommand } from "./evaluate-command";
import { registerLedgerCommand } from "./ledger-command";
import { registerPrepareCommand } from "./prepare-command";
import { registerExplainCommand } from "./explain-command";
import { registerExplainContrastiveCommand } from "./explain-contrastive-command";
import { registerPackCommand } from "./pack-command";
import { registerPlanCommand } from "./plan-command";
import { registerScoreCommand } from "./score-command";
import { registerSimulateCommand } from "./simulate-command";

// `rewrite`: the headless face of lib/ — each subcommand registers itself from its own file.
const program = new Command("rewrite").description("Partially rewrite a transformer in natural language.").showHelpAfterError();

// Every command but the benchmarks (which bring their own data folders) first registers the known packs and marks
// interrupted the jobs a killed process left running, so a rerun adopts them.
program.hook("preAction", (_program, action) => {
  let command = action;
  while (command.parent && command.parent !== program) command = command.parent;
  if (command.name() !== "bench") atProcessStart(getDatabase());
});

registerCacheCommand(program, async (packDir) => packCacheRuntime(getPackRuntime(packDir)));
registerPrepareCommand(program, getPackRuntime);
registerEvaluateCommand(program, getPackRuntime);
registerLedgerCommand(program);
registerExplainCommand(program);
registerExplainContrastiveCommand(program);
registerCompareCommand(program);
registerScoreCommand(program);
registerSimulateCommand(program);
registerPlanCommand(program);
registerBenchCommand(program);
registerDelphiCommand(program);
registerPackCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`rewrite: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
