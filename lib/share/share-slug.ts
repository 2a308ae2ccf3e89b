// Slugs for /s/<slug>: 12 symbols of a 32-letter alphabet without look-alikes (0/o, 1/l/i), 60 bits — unguessable
// enough that a shared page is only found through its link.
// 31 digits and letters plus "_" = 32 symbols, 5 bits each.
const SYMBOLS = "23456789abcdefghjkmnpqrstuvwxyz_";
export const SHARE_SLUG_LENGTH = 12;

/** The slug spelled by `bytes` (at least SHARE_SLUG_LENGTH of them): the low 5 bits of each byte pick a symbol. */
export function shareSlugFromBytes(bytes: Uint8Array): string {
  if (bytes.length < SHARE_SLUG_LENGTH) throw new Error(`a share slug needs ${SHARE_SLUG_LENGTH} random bytes, got ${bytes.length}`);
  let slug = "";
  for (let i = 0; i < SHARE_SLUG_LENGTH; i++) slug += SYMBOLS[bytes[i] & 31];
  return slug;
}

export function isShareSlug(value: string): boolean {
  return value.length === SHARE_SLUG_LENGTH && [...value].every((c) => SYMBOLS.includes(c));
}
