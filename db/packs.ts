import { eq } from "drizzle-orm";
import type { PackSummary } from "./pack-summary";
import type { RewriteDatabase } from "./client";
import { packs } from "./schema";

export type PackRow = typeof packs.$inferSelect;

/** Inserts the pack or refreshes its row when its files changed; returns the stored row. */
export function upsertPack(db: RewriteDatabase, summary: PackSummary, identity: string, now: Date): PackRow {
  const values = { name: summary.name, dir: summary.dir, identity, summaryJson: JSON.stringify(summary), registeredAt: now.toISOString() };
  return db
    .insert(packs)
    .values(values)
    .onConflictDoUpdate({ target: packs.name, set: { dir: values.dir, identity, summaryJson: values.summaryJson } })
    .returning()
    .get();
}

export function findPackByName(db: RewriteDatabase, name: string): PackRow | undefined {
  return db.select().from(packs).where(eq(packs.name, name)).get();
}

export function listPacks(db: RewriteDatabase): PackRow[] {
  return db.select().from(packs).orderBy(packs.name).all();
}

export function deletePack(db: RewriteDatabase, name: string): boolean {
  return db.delete(packs).where(eq(packs.name, name)).run().changes > 0;
}
