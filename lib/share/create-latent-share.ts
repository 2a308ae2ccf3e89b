import type { RewriteDatabase } from "@/db/client";
import type { ShareRow } from "@/db/shares";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { loadLatentPageData } from "@/lib/cache/latent-page-data";
import type { SimulatorInfo } from "@/lib/explore/explorer-data";
import { latentExplorerData } from "@/lib/explore/explorer-page-data";
import { explorerTarget } from "@/lib/explore/explorer-target";
import type { LoadedPackState } from "@/lib/packs/loaded-pack";
import { latentShareText } from "./latent-share-text";
import { sharedPackOf } from "./shared-pack";
import type { LatentShareSnapshot } from "./share-snapshot";
import { stringifySnapshot } from "./snapshot-json";

export interface LatentShareRequest {
  latent: number;
  /** The coder's hookpoint (default: the pack's transcoder). */
  coder?: string;
  /** The explanation version to freeze (default: the current one). */
  versionId?: number;
}

export type LatentShareOutcome = { ok: true; row: Omit<ShareRow, "slug"> } | { ok: false; error: string };

/** Freezes a latent page: its summary and examples, one explanation version with its simulation, and the one it came from. */
export function latentShareRow(db: RewriteDatabase, pack: LoadedPackState, simulator: SimulatorInfo, request: LatentShareRequest, now: Date): LatentShareOutcome {
  const target = explorerTarget(db, pack, String(request.latent), request.coder);
  if (!target.ok) return target;
  const selection = selectLatentCache(db, pack, target.cache.hookpoint);
  const page = selection ? loadLatentPageData(db, selection, target.latent) : undefined;
  if (!page) return { ok: false, error: `latent ${target.latent} of ${target.cache.hookpoint} has no summary yet` };
  const { versions } = latentExplorerData(db, target.cache, target.latent, simulator);
  const version = request.versionId === undefined ? (versions.find((v) => v.isCurrent) ?? versions[0] ?? null) : (versions.find((v) => v.id === request.versionId) ?? null);
  if (request.versionId !== undefined && !version) return { ok: false, error: `explanation version ${request.versionId} is not a version of latent ${target.latent}` };
  const previous = version?.parentId ? (versions.find((v) => v.id === version.parentId) ?? null) : null;
  const shared = sharedPackOf(db, target.cache.packIdentity);
  const snapshot: LatentShareSnapshot = { kind: "latent", version: 1, pack: shared, page, explanation: version, previous, simulator };
  const { title, description } = latentShareText(target.latent, target.cache.hookpoint, shared.name, version);
  return {
    ok: true,
    row: { kind: "latent", title, description, packName: shared.name, packIdentity: shared.identity, snapshotJson: stringifySnapshot(snapshot), createdAt: now.toISOString() },
  };
}
