// The writes a CLI stage and the web server make at the same time, on a small fixture (one cache, 20 latents),
// for the test that runs them from two processes against one SQLite file and counts "database is locked".
import type { RewriteDatabase } from "@/db/client";
import { writeTransaction } from "@/db/client";
import { saveExplanationScore } from "@/db/explanation-scores";
import { addExplanation, explanationHistory, makeExplanationCurrent } from "@/db/explanations";
import { explanationHash, predictionWriter } from "@/db/predictions";

export const FIXTURE_CACHE_ID = 1;
export const FIXTURE_LATENTS = 20;

/** Idempotent: both processes call it on a fresh file, whichever opens it first. */
export function seedWriterFixture(db: RewriteDatabase): void {
  writeTransaction(db, () => {
    db.$client
      .prepare(
        `INSERT OR IGNORE INTO activation_caches (id, pack_identity, hookpoint, coder_kind, dir, num_latents, context_length, num_contexts, num_tokens, non_zeros, built_at, summarized_at)
         VALUES (?, 'fixture', 'layers.0.mlp', 'transcoder', '/nowhere', ?, 32, 10, 320, 0, '2026-01-01', '2026-01-01')`,
      )
      .run(FIXTURE_CACHE_ID, FIXTURE_LATENTS);
    const latent = db.$client.prepare(
      "INSERT OR IGNORE INTO latents (cache_id, latent, non_zero_count, frequency, max_activation, mean_non_zero) VALUES (?, ?, 1, 0.1, 1, 1)",
    );
    for (let i = 0; i < FIXTURE_LATENTS; i++) latent.run(FIXTURE_CACHE_ID, i);
  });
}

function score(db: RewriteDatabase, explanationId: number, scorerSource: string, round: number): void {
  saveExplanationScore(
    db,
    { explanationId, scorer: round % 2 ? "fuzzing" : "detection", scorerSource, balancedAccuracy: 0.5 + (round % 10) / 20, precision: null, recall: null, f1: null, auc: null, exampleCount: 10, failedCount: 0, detailsJson: null },
    new Date(),
  );
}

/** What explain, score and simulate write for one latent: an LLM explanation, its score, a batch of predictions. */
export function stageWrites(db: RewriteDatabase, round: number): void {
  const latent = round % FIXTURE_LATENTS;
  const text = `stage explanation ${round}`;
  const explanation = addExplanation(db, { cacheId: FIXTURE_CACHE_ID, latent, text, sourceKind: "llm", sourceDetail: "test-model" }, new Date());
  score(db, explanation.id, "llm:test-model", round);
  const entries = Array.from({ length: 16 }, (_, i) => [`${FIXTURE_CACHE_ID}:${round * 16 + i}:32`, { ok: true as const, prediction: i % 10 }] as const);
  predictionWriter(db, { simulatorId: "llm:test-model", explanationHash: explanationHash(text) }).commit(entries);
}

/** What the explorer writes: a user's edit, switching back to the previous version, a baseline score. */
export function webWrites(db: RewriteDatabase, round: number): void {
  const latent = (round * 7) % FIXTURE_LATENTS;
  const previous = explanationHistory(db, FIXTURE_CACHE_ID, latent)[0];
  const edit = addExplanation(db, { cacheId: FIXTURE_CACHE_ID, latent, text: `user edit ${round}`, sourceKind: "user", sourceDetail: null, parentId: previous?.id ?? null }, new Date());
  score(db, edit.id, "lexical-baseline", round);
  if (previous) makeExplanationCurrent(db, previous.id);
}

/** Runs `write`, counting a "database is locked" (SQLITE_BUSY) instead of throwing it; other errors propagate. */
export function countingLocked(write: () => void, counts: { writes: number; locked: number }): void {
  try {
    write();
    counts.writes += 1;
  } catch (error) {
    if (!/database is locked|SQLITE_BUSY/.test(String((error as Error).message ?? error))) throw error;
    counts.locked += 1;
  }
}
