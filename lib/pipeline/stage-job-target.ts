// What an explain, score or simulate job works on: one coder's cache of a pack, its token text, and the LLM the
// job was started with, or the offline baseline. Checked again when the job resumes, possibly in the server, so a
// job never silently switches from an LLM to the baseline or to another model.
import { z } from "zod";
import { findActivationCache, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { cacheTokenText } from "@/lib/cache/stage-cache";
import type { TokenText } from "@/lib/cache/token-display";
import type { LlmClient } from "@/lib/llm";
import { openReadablePack } from "@/lib/packs/open-pack";

export const stageJobParamsSchema = z.object({
  packDir: z.string().min(1),
  hookpoint: z.string().min(1),
  /** The LLM's model name; null: the offline baseline. */
  llm: z.string().min(1).nullable(),
  latents: z.array(z.number().int().nonnegative()).optional(),
  force: z.boolean().optional(),
  seed: z.number().int().nonnegative(),
});

export type StageJobParams = z.infer<typeof stageJobParamsSchema>;

export interface StageJobTarget {
  cache: ActivationCacheRow;
  tokenText: TokenText;
  /** null: the offline baseline runs. */
  client: LlmClient | null;
}

/** The finished cache of `hookpoint` in the pack at `packDir`, or an error that says how to build it. */
export function finishedStageCache(db: RewriteDatabase, packDir: string, hookpoint: string): ActivationCacheRow {
  const cache = findActivationCache(db, openReadablePack(packDir).identity, hookpoint);
  if (!cache?.summarizedAt) throw new Error(`no finished activation cache for ${hookpoint} of the pack at ${packDir}; run \`rewrite cache --coder ${hookpoint}\` first`);
  return cache;
}

export function openStageJobTarget(db: RewriteDatabase, params: StageJobParams, client: LlmClient | null): StageJobTarget {
  if (params.llm !== null && client?.model !== params.llm) {
    const configured = client ? `the configured LLM is ${client.model}` : "no LLM server is configured (REWRITE_LLM_BASE_URL)";
    throw new Error(`this job runs with the LLM ${params.llm}, but ${configured}; configure it, or run the command again with --baseline`);
  }
  const cache = finishedStageCache(db, params.packDir, params.hookpoint);
  return { cache, tokenText: cacheTokenText(db, cache, params.packDir), client: params.llm === null ? null : client };
}
