import type { RewriteDatabase } from "@/db/client";
import { findShare } from "@/db/shares";
import { isShareSlug } from "./share-slug";
import { parseShareSnapshot, type ShareSnapshot } from "./share-snapshot";

export interface LoadedShare {
  slug: string;
  title: string;
  description: string;
  createdAt: string;
  snapshot: ShareSnapshot;
}

/** The shared snapshot at /s/<slug>, or undefined for a malformed or unknown slug. */
export function loadShare(db: RewriteDatabase, slug: string): LoadedShare | undefined {
  if (!isShareSlug(slug)) return undefined;
  const row = findShare(db, slug);
  if (!row) return undefined;
  return { slug, title: row.title, description: row.description, createdAt: row.createdAt, snapshot: parseShareSnapshot(row.snapshotJson) };
}
