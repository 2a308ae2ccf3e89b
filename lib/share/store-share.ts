import type { RewriteDatabase } from "@/db/client";
import { findShare, insertShare, type ShareRow } from "@/db/shares";
import { shareSlugFromBytes, SHARE_SLUG_LENGTH } from "./share-slug";

/** Stores the snapshot under a fresh slug (drawing again on the rare collision) and returns the stored row. */
export function storeShare(db: RewriteDatabase, row: Omit<ShareRow, "slug">, randomBytes: (n: number) => Uint8Array): ShareRow {
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = shareSlugFromBytes(randomBytes(SHARE_SLUG_LENGTH));
    if (!findShare(db, slug)) return insertShare(db, { ...row, slug });
  }
  throw new Error("could not draw an unused share slug in 5 attempts; is the random source constant?");
}
