import Link from "next/link";
import type { SharedPack } from "@/lib/share/share-snapshot";

/** Says that a page is a frozen snapshot, of which pack, and where the live (changeable) version is. */
export function SnapshotBanner({ createdAt, pack, liveHref, liveLabel }: { createdAt: string; pack: SharedPack; liveHref: string; liveLabel: string }) {
  const shape = pack.summary
    ? `GPT-NeoX ${pack.summary.model.layers} layers, d_model ${pack.summary.model.dModel}, ${pack.summary.coders.map((c) => `${c.kind} ${c.hookpoint} (${c.numLatents} latents, k ${c.k})`).join(", ")}`
    : "shape not recorded";
  return (
    <p className="snapshot-banner" data-testid="snapshot-banner">
      Shared snapshot, frozen {createdAt.replace("T", " ").slice(0, 16)} UTC · pack <strong>{pack.name}</strong> ({shape}) · identity{" "}
      <code title={pack.identity}>{pack.identity.slice(0, 12)}</code> · the live page: <Link href={liveHref}>{liveLabel}</Link> (may have changed since).
    </p>
  );
}
