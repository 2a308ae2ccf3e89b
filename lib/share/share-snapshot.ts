// What a shared page freezes: the exact data its charts render, the run's config and the pack's identity. Plain
// JSON, written once; the page renders from it alone, so later edits, runs or pack changes never alter it.
import type { LatentPageData } from "@/lib/cache/latent-page-data";
import type { RunPageData } from "@/lib/evaluate";
import type { ExplorerVersion, SimulatorInfo } from "@/lib/explore/explorer-data";
import type { PackSummary } from "@/lib/packs/pack-summary";
import { parseSnapshotJson } from "./snapshot-json";

export interface SharedPack {
  name: string;
  identity: string;
  /** The pack's shape when shared (null when the pack was no longer registered). */
  summary: PackSummary | null;
}

export interface RunShareSnapshot {
  kind: "run";
  version: 1;
  pack: SharedPack;
  runId: string;
  /** Every statistic × ranking view of the run (see RUN_VIEW_VARIANTS), keyed by runViewKey. */
  variants: Record<string, RunPageData>;
}

export interface LatentShareSnapshot {
  kind: "latent";
  version: 1;
  pack: SharedPack;
  /** Summary, histogram, examples and neighbours, as the latent page showed them. */
  page: LatentPageData;
  /** The shared explanation version with its scores and simulation (null: not explained yet). */
  explanation: ExplorerVersion | null;
  /** The version it was edited from, compared side by side. */
  previous: ExplorerVersion | null;
  simulator: SimulatorInfo;
}

export type ShareSnapshot = RunShareSnapshot | LatentShareSnapshot;

export class ShareSnapshotError extends Error {}

/** Parses a stored snapshot; an unknown kind or version is an error naming it, not a broken page. */
export function parseShareSnapshot(json: string): ShareSnapshot {
  let value: unknown;
  try {
    value = parseSnapshotJson(json);
  } catch {
    throw new ShareSnapshotError("the shared snapshot is not valid JSON");
  }
  const snapshot = value as Partial<ShareSnapshot> | null;
  if (!snapshot || typeof snapshot !== "object") throw new ShareSnapshotError("the shared snapshot is not an object");
  if (snapshot.version !== 1) throw new ShareSnapshotError(`shared snapshot version ${String(snapshot.version)} is not supported`);
  if (snapshot.kind === "run") return snapshot as RunShareSnapshot;
  if (snapshot.kind === "latent") return snapshot as LatentShareSnapshot;
  throw new ShareSnapshotError(`shared snapshot kind "${String(snapshot.kind)}" is not supported`);
}
