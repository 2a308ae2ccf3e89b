// The options `rewrite prepare` and `rewrite cache` share (which pack, which coders, how many tokens to cache),
// declared once so both commands read and explain them the same way.
import type { Command } from "commander";
import { DEFAULT_CACHE_TOKENS } from "@/lib/cache/cache-job";
import { integerAtLeast } from "./integer-option";
import { PACK_OPTION_HELP } from "./pack-option";

export interface CacheCliOptions {
  pack?: string;
  coder?: string[];
  tokens: number;
}

/** --pack, --coder (its help says which coders the command takes by default) and --tokens. */
export function addCacheOptions(command: Command, coderHelp: string): Command {
  return command
    .option("--pack <name|dir>", PACK_OPTION_HELP)
    .option("--coder <hookpoint...>", coderHelp)
    .option("--tokens <n>", "tokens to cache per coder", integerAtLeast(1), DEFAULT_CACHE_TOKENS);
}
