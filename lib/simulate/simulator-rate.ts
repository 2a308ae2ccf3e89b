// The simulator's measured rate: answers per second over its latest run, read from the prediction cache's commit
// times, so a plan's wall time follows what this server actually sustained.
import type { RewriteDatabase } from "@/db/client";
import { latestPredictionTimesMs } from "@/db/predictions";
import { measuredPromptsPerS, type PlanRate } from "@/lib/llm";

// Enough answers to span several commits of a fast run, few enough to read at once.
const RECENT_ANSWERS = 5_000;

export function measuredSimulatorRate(db: RewriteDatabase, simulatorId: string): PlanRate | null {
  const times = latestPredictionTimesMs(db, simulatorId, RECENT_ANSWERS);
  const rate = measuredPromptsPerS(times);
  return rate === null ? null : { promptsPerS: rate, source: `measured over ${simulatorId}'s latest run` };
}
