// Explanation versions of a latent. Exactly one is current; it is mirrored into `latents.explanation` (and so into
// the FTS index) together with its scores, so the browser reads one small row per latent.
import { and, desc, eq, inArray } from "drizzle-orm";
import { type RewriteDatabase, writeTransaction } from "./client";
import { mirroredScores } from "./explanation-scores";
import { setLatentExplanation, setLatentScores } from "./latents";
import { explanations } from "./schema";

export type ExplanationRow = typeof explanations.$inferSelect;

export type ExplanationSourceKind = "llm" | "statistical-baseline" | "contrastive-baseline" | "delphi-import" | "user";

export interface NewExplanation {
  cacheId: number;
  latent: number;
  text: string;
  sourceKind: ExplanationSourceKind;
  /** The LLM's model name, the importing file, or null. */
  sourceDetail: string | null;
  /** The model name the LLM server reported, when it differs from sourceDetail. */
  servedModel?: string | null;
  /** The version an edit started from. */
  parentId?: number | null;
}

function mirror(db: RewriteDatabase, row: ExplanationRow): void {
  setLatentExplanation(db, row.cacheId, row.latent, row.text);
  setLatentScores(db, row.cacheId, row.latent, mirroredScores(db, row.id));
}

/** Stores a new version and makes it current (one transaction); the latent's mirrored scores become the new version's (none yet). */
export function addExplanation(db: RewriteDatabase, record: NewExplanation, now: Date): ExplanationRow {
  return writeTransaction(db, () => {
    db.update(explanations)
      .set({ isCurrent: false })
      .where(and(eq(explanations.cacheId, record.cacheId), eq(explanations.latent, record.latent), eq(explanations.isCurrent, true)))
      .run();
    const row = db
      .insert(explanations)
      .values({ ...record, parentId: record.parentId ?? null, isCurrent: true, createdAt: now.toISOString() })
      .returning()
      .get();
    mirror(db, row);
    return row;
  });
}

/** Makes an earlier version current again, with its own scores mirrored. */
export function makeExplanationCurrent(db: RewriteDatabase, explanationId: number): ExplanationRow {
  return writeTransaction(db, () => {
    const row = db.select().from(explanations).where(eq(explanations.id, explanationId)).get();
    if (!row) throw new Error(`explanation ${explanationId} does not exist`);
    db.update(explanations)
      .set({ isCurrent: false })
      .where(and(eq(explanations.cacheId, row.cacheId), eq(explanations.latent, row.latent)))
      .run();
    const current = db.update(explanations).set({ isCurrent: true }).where(eq(explanations.id, explanationId)).returning().get();
    mirror(db, current);
    return current;
  });
}

/** Current explanations of a cache by latent (of the given latents only, when passed). */
export function currentExplanations(db: RewriteDatabase, cacheId: number, latents?: readonly number[]): Map<number, ExplanationRow> {
  const where = and(eq(explanations.cacheId, cacheId), eq(explanations.isCurrent, true));
  const rows: ExplanationRow[] = [];
  if (latents === undefined) rows.push(...db.select().from(explanations).where(where).all());
  else {
    // One query per 500 latents keeps the bound parameters far below SQLite's limit.
    for (let start = 0; start < latents.length; start += 500) {
      const chunk = latents.slice(start, start + 500);
      rows.push(...db.select().from(explanations).where(and(where, inArray(explanations.latent, chunk))).all());
    }
  }
  return new Map(rows.map((row) => [row.latent, row]));
}

/** Every version of one latent's explanation, newest first. */
export function explanationHistory(db: RewriteDatabase, cacheId: number, latent: number): ExplanationRow[] {
  return db
    .select()
    .from(explanations)
    .where(and(eq(explanations.cacheId, cacheId), eq(explanations.latent, latent)))
    .orderBy(desc(explanations.id))
    .all();
}
