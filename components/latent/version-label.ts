// Version labels a reader can follow: per-latent numbers (v1, v2, … in creation order, see lib/core/creation-order),
// never database ids; without numbers (a shared snapshot holds one or two versions) the role says which is which.

export type VersionNumbers = Readonly<Record<number, number>>;

export function versionLabel(id: number, numbers: VersionNumbers | undefined, fallback: string): string {
  const n = numbers?.[id];
  return n !== undefined ? `v${n}` : fallback;
}
