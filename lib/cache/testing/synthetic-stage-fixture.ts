// A temporary database holding a synthetic activation cache, for the explain, score and simulate stage tests.
// Token ids read as words (" w17"), so prompts, explanations and the lexical baseline have text to work with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { seedSyntheticCache, type SyntheticCacheOptions } from "./seed-synthetic-cache";
import type { TokenText } from "@/lib/cache/token-display";

export interface SyntheticStage {
  dir: string;
  dbPath: string;
  db: RewriteDatabase;
  cacheId: number;
  tokenText: TokenText;
  cleanup(): void;
}

export const syntheticTokenText: TokenText = (id) => ` w${id}`;

/** 64 latents, k = 2 and 400 windows of 32 tokens over a 40-token vocabulary: each latent fires in about 60% of windows. */
export async function openSyntheticStage(options: Partial<SyntheticCacheOptions> = {}): Promise<SyntheticStage> {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-stage-"));
  const dbPath = join(dir, "rewrite.sqlite");
  const db = openDatabase(dbPath);
  const row = await seedSyntheticCache(db, { dataDir: dir, numLatents: 64, k: 2, numContexts: 200, contextLength: 64, vocabSize: 40, ...options });
  return {
    dir,
    dbPath,
    db,
    cacheId: row.id,
    tokenText: syntheticTokenText,
    cleanup() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
