import type { RewriteDatabase } from "@/db/client";
import { findEvaluationRun } from "@/db/evaluation-runs";
import type { ShareRow } from "@/db/shares";
import { runPageDataOf, type RunPageData } from "@/lib/evaluate";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import { RUN_VIEW_VARIANTS, runViewKey } from "./run-view-query";
import { runShareText } from "./run-share-text";
import { sharedPackOf } from "./shared-pack";
import type { RunShareSnapshot } from "./share-snapshot";
import { stringifySnapshot } from "./snapshot-json";

/** The row a shared run page is stored as (without its slug), or undefined when no finished run has this id. */
export async function runShareRow(db: RewriteDatabase, runId: number, now: Date): Promise<Omit<ShareRow, "slug"> | undefined> {
  const run = findEvaluationRun(db, runId);
  if (!run || run.status !== "done") return undefined;
  const stored = await new SqliteEvaluationRunStore(db).load(String(runId));
  if (!stored) return undefined;
  const variants: Record<string, RunPageData> = {};
  for (const variant of RUN_VIEW_VARIANTS) variants[runViewKey(variant)] = runPageDataOf(stored, String(runId), variant);
  const pack = sharedPackOf(db, run.packIdentity);
  const snapshot: RunShareSnapshot = { kind: "run", version: 1, pack, runId: String(runId), variants };
  const { title, description } = runShareText(variants[runViewKey(RUN_VIEW_VARIANTS[0])], pack.name);
  return { kind: "run", title, description, packName: pack.name, packIdentity: pack.identity, snapshotJson: stringifySnapshot(snapshot), createdAt: now.toISOString() };
}
