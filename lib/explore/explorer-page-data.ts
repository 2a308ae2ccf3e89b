// The latent explorer's data from SQLite: every explanation version of a latent, newest first, with its preferred
// detection / fuzzing scores and its newest simulation by the explorer's simulator.
import type { RewriteDatabase } from "@/db/client";
import { preferredScore, scoresOfExplanation, type ExplanationScoreRow, type ScoringTask } from "@/db/explanation-scores";
import { latestSimulations } from "@/db/explanation-simulations";
import { explanationHistory, type ExplanationRow } from "@/db/explanations";
import { explanationSourceLabel, scorerSourceLabel } from "@/lib/explain";
import type { ExplanationSimulationResult, ExplorerVersion, LatentExplorerData, SimulatorInfo, VersionScore } from "./explorer-data";
import { compareVersions } from "./version-comparison";

function versionScore(rows: readonly ExplanationScoreRow[], task: ScoringTask): VersionScore | null {
  const row = preferredScore(rows.filter((r) => r.scorer === task));
  return row
    ? { value: row.balancedAccuracy, scorerSource: row.scorerSource, scorerLabel: scorerSourceLabel(row.scorerSource), exampleCount: row.exampleCount }
    : null;
}

/** Each version's newest simulation by this simulator, parsed. */
function simulationsOf(db: RewriteDatabase, ids: readonly number[], simulatorId: string): Map<number, ExplanationSimulationResult> {
  const stored = latestSimulations(db, ids, simulatorId);
  return new Map([...stored].map(([id, row]) => [id, JSON.parse(row.resultJson) as ExplanationSimulationResult]));
}

function explorerVersion(db: RewriteDatabase, row: ExplanationRow, simulations: ReadonlyMap<number, ExplanationSimulationResult>): ExplorerVersion {
  const scores = scoresOfExplanation(db, row.id);
  const simulation = simulations.get(row.id) ?? null;
  const parent = row.parentId === null ? undefined : simulations.get(row.parentId);
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
    comparisonWithParent: simulation && parent && row.parentId !== null ? compareVersions({ id: row.parentId, simulation: parent }, { id: row.id, simulation }) : null,
  };
}

export function latentExplorerData(
  db: RewriteDatabase,
  cache: { readonly id: number; readonly hookpoint: string },
  latent: number,
  simulator: SimulatorInfo,
): LatentExplorerData {
  const rows = explanationHistory(db, cache.id, latent);
  const simulations = simulationsOf(
    db,
    rows.map((r) => r.id),
    simulator.id,
  );
  const versions = rows.map((row) => explorerVersion(db, row, simulations));
  return { latent, hookpoint: cache.hookpoint, cacheId: cache.id, simulator, versions };
}

/** One version as the explorer shows it, or undefined when it is not a version of this latent. */
export function explorerVersionById(db: RewriteDatabase, cacheId: number, latent: number, versionId: number, simulator: SimulatorInfo): ExplorerVersion | undefined {
  const row = explanationHistory(db, cacheId, latent).find((r) => r.id === versionId);
  if (!row) return undefined;
  return explorerVersion(db, row, simulationsOf(db, row.parentId === null ? [row.id] : [row.id, row.parentId], simulator.id));
}
