// The latent explorer's data from SQLite: every explanation version of a latent, newest first, with its preferred
// detection / fuzzing scores and its newest simulation by the explorer's simulator.
import type { RewriteDatabase } from "@/db/client";
import { preferredScore, scoresOfExplanation, type ExplanationScoreRow, type ScoringTask } from "@/db/explanation-scores";
import { latestSimulations } from "@/db/explanation-simulations";
import { explanationHistory, type ExplanationRow } from "@/db/explanations";
import { explanationSourceLabel, scorerSourceLabel } from "@/lib/explain/explanation-provenance";
import type { ExplanationSimulationResult, ExplorerVersion, LatentExplorerData, SimulatorInfo, VersionScore } from "./explorer-data";

function versionScore(rows: readonly ExplanationScoreRow[], task: ScoringTask): VersionScore | null {
  const row = preferredScore(rows.filter((r) => r.scorer === task));
  return row
    ? { value: row.balancedAccuracy, scorerSource: row.scorerSource, scorerLabel: scorerSourceLabel(row.scorerSource), exampleCount: row.exampleCount }
    : null;
}

function explorerVersion(db: RewriteDatabase, row: ExplanationRow, simulation: ExplanationSimulationResult | null): ExplorerVersion {
  const scores = scoresOfExplanation(db, row.id);
  return {
    id: row.id,
    text: row.text,
    sourceKind: row.sourceKind,
    sourceLabel: explanationSourceLabel(row.sourceKind, row.sourceDetail),
    parentId: row.parentId,
    isCurrent: row.isCurrent,
    createdAt: row.createdAt,
    detection: versionScore(scores, "detection"),
    fuzzing: versionScore(scores, "fuzzing"),
    simulation,
  };
}

export function latentExplorerData(
  db: RewriteDatabase,
  cache: { readonly id: number; readonly hookpoint: string },
  latent: number,
  simulator: SimulatorInfo,
): LatentExplorerData {
  const rows = explanationHistory(db, cache.id, latent);
  const simulations = latestSimulations(
    db,
    rows.map((r) => r.id),
    simulator.id,
  );
  const versions = rows.map((row) => {
    const stored = simulations.get(row.id);
    return explorerVersion(db, row, stored ? (JSON.parse(stored.resultJson) as ExplanationSimulationResult) : null);
  });
  return { latent, hookpoint: cache.hookpoint, cacheId: cache.id, simulator, versions };
}

/** One version as the explorer shows it, or undefined when it is not a version of this latent. */
export function explorerVersionById(db: RewriteDatabase, cacheId: number, latent: number, versionId: number, simulator: SimulatorInfo): ExplorerVersion | undefined {
  const row = explanationHistory(db, cacheId, latent).find((r) => r.id === versionId);
  if (!row) return undefined;
  const stored = latestSimulations(db, [row.id], simulator.id).get(row.id);
  return explorerVersion(db, row, stored ? (JSON.parse(stored.resultJson) as ExplanationSimulationResult) : null);
}
