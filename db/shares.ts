import { eq } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { shares } from "./schema";

export type ShareRow = typeof shares.$inferSelect;

/** Stores a new snapshot; a slug is never reused or overwritten (primary key), so shared pages stay immutable. */
export function insertShare(db: RewriteDatabase, row: ShareRow): ShareRow {
  return db.insert(shares).values(row).returning().get();
}

export function findShare(db: RewriteDatabase, slug: string): ShareRow | undefined {
  return db.select().from(shares).where(eq(shares.slug, slug)).get();
}
