// The prediction cache (issue 6): one simulator answer per (simulator, explanation text, context), so nothing is
// asked twice and a killed run resumes. Writes are small transactions, committed as answers arrive.
import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type { SimulationFailureReason, SimulationOutcome } from "./simulation-outcome";
import type { RewriteDatabase } from "./client";
import { blobOf, typedArrayOf } from "./typed-blob";

/** sha256 of the exact explanation text, hex, first 32 characters (128 bits: collisions are not a concern). */
export function explanationHash(explanation: string): string {
  return createHash("sha256").update(explanation, "utf8").digest("hex").slice(0, 32);
}

/** "<cacheId>:<global token index>:<window length>": the window of that length ending at that token. */
export function predictionContextId(cacheId: number, tokenIndex: number, windowLength: number): string {
  return `${cacheId}:${tokenIndex}:${windowLength}`;
}

export interface PredictionKey {
  simulatorId: string;
  explanationHash: string;
}

interface PredictionRow {
  context_id: string;
  ok: number;
  prediction: number | null;
  digit_probs: Buffer | null;
  failure_reason: string | null;
}

// SQLite's default limit on bound parameters is 32766; stay far below it.
const LOOKUP_CHUNK = 500;

// A failure is stored as "<reason>: <detail>" in failure_reason, so the one column keeps both, readable as is.
function failureText(outcome: Extract<SimulationOutcome, { ok: false }>): string {
  return `${outcome.reason}: ${outcome.detail}`;
}

function outcomeOf(row: PredictionRow): SimulationOutcome {
  if (row.ok) {
    const digitProbs = row.digit_probs ? Float64Array.from(typedArrayOf(row.digit_probs, Float32Array)) : undefined;
    return { ok: true, prediction: row.prediction ?? Number.NaN, ...(digitProbs ? { digitProbs } : {}) };
  }
  const text = row.failure_reason ?? "";
  const split = text.indexOf(": ");
  const reason = (split >= 0 ? text.slice(0, split) : text) as SimulationFailureReason;
  return { ok: false, reason, detail: split >= 0 ? text.slice(split + 2) : "" };
}

/** Stored outcomes of the given contexts (absent ones are missing from the map); one query per 500 contexts. */
export function findPredictions(db: RewriteDatabase, key: PredictionKey, contextIds: readonly string[]): Map<string, SimulationOutcome> {
  const found = new Map<string, SimulationOutcome>();
  // A first run of an explanation has nothing stored: one indexed probe instead of a lookup per context.
  const any = db.$client.prepare("SELECT 1 FROM predictions WHERE simulator_id = ? AND explanation_hash = ? LIMIT 1");
  if (contextIds.length === 0 || !any.get(key.simulatorId, key.explanationHash)) return found;
  const statements = new Map<number, Database.Statement>();
  for (let start = 0; start < contextIds.length; start += LOOKUP_CHUNK) {
    const chunk = contextIds.slice(start, start + LOOKUP_CHUNK);
    let lookup = statements.get(chunk.length);
    if (!lookup) {
      lookup = db.$client.prepare(
        `SELECT context_id, ok, prediction, digit_probs, failure_reason FROM predictions
         WHERE simulator_id = ? AND explanation_hash = ? AND context_id IN (${chunk.map(() => "?").join(",")})`,
      );
      statements.set(chunk.length, lookup);
    }
    for (const row of lookup.all(key.simulatorId, key.explanationHash, ...chunk) as PredictionRow[]) found.set(row.context_id, outcomeOf(row));
  }
  return found;
}

export interface PredictionWriter {
  /** Commits these outcomes in one transaction (insert or replace). */
  commit(entries: readonly (readonly [contextId: string, outcome: SimulationOutcome])[]): void;
}

/** A prepared writer for one (simulator, explanation); `now` stamps created_at, once per commit. */
export function predictionWriter(db: RewriteDatabase, key: PredictionKey, now: () => Date = () => new Date()): PredictionWriter {
  const insert = db.$client.prepare(
    `INSERT OR REPLACE INTO predictions (simulator_id, explanation_hash, context_id, ok, prediction, digit_probs, failure_reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const commit = db.$client.transaction((entries: readonly (readonly [string, SimulationOutcome])[], createdAt: string) => {
    for (const [contextId, outcome] of entries) {
      if (outcome.ok) {
        const probs = outcome.digitProbs ? blobOf(Float32Array.from(outcome.digitProbs)) : null;
        insert.run(key.simulatorId, key.explanationHash, contextId, 1, outcome.prediction, probs, null, createdAt);
      } else {
        insert.run(key.simulatorId, key.explanationHash, contextId, 0, null, null, failureText(outcome), createdAt);
      }
    }
  });
  // Immediate: waits for a concurrent writer (the CLI, the server) instead of failing with "database is locked".
  return { commit: (entries) => commit.immediate(entries, now().toISOString()) };
}

/** Commit times (ms) of a simulator's latest answers, newest first: the measured rate of its last run. */
export function latestPredictionTimesMs(db: RewriteDatabase, simulatorId: string, limit: number): number[] {
  const rows = db.$client
    .prepare("SELECT created_at AS at FROM predictions WHERE simulator_id = ? ORDER BY created_at DESC LIMIT ?")
    .all(simulatorId, limit) as { at: string }[];
  return rows.map((r) => Date.parse(r.at));
}
