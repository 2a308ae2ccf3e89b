// Per-latent version numbers: v1, v2, … in the order a latent's explanation versions were created, so a reader sees
// "v2 → v3" rather than database ids shared by every latent.

/** 1-based creation rank of each item by id (ties in time broken by the lower id). */
export function creationOrderNumbers(items: readonly { id: number; createdAt: string }[]): Record<number, number> {
  const sorted = [...items].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
  return Object.fromEntries(sorted.map((item, i) => [item.id, i + 1]));
}
