import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { explanationHistory } from "@/db/explanations";
import { findJob, listJobs } from "@/db/jobs";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { LexicalSimulator } from "@/lib/simulate";
import { EXPLORER_JOB_KIND } from "./explorer-job";
import type { ExplorerSimulator } from "./explorer-simulator";
import { startExplanationSimulation } from "./start-explanation-simulation";

let stage: SyntheticStage;
beforeEach(async () => {
  stage = await openSyntheticStage();
});
afterEach(() => stage.cleanup());

function explorer(id: string): ExplorerSimulator {
  return { simulator: new LexicalSimulator(), scorer: "lexical-baseline", batchSize: 100, info: { id, kind: "baseline", label: id } };
}

const deps = (id = "lexical-baseline") => ({
  explorer: explorer(id),
  loadRuntime: () => {
    throw new Error("no runtime in this test");
  },
});

/** The background jobs end (failed: the synthetic cache has no pack for its token text); wait for them before closing. */
async function settled(): Promise<void> {
  while (listJobs(stage.db, { statuses: ["queued", "running"] }).length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("startExplanationSimulation", () => {
  it("joins identical requests to the running job instead of starting one job each", async () => {
    const request = { cacheId: stage.cacheId, latent: 5, text: "words about w17", parentId: null, packDir: null, tieRule: "conditional-mean" as const };
    const started = Array.from({ length: 5 }, () => startExplanationSimulation(stage.db, request, deps()));
    expect(new Set(started.map((s) => s.jobId)).size).toBe(1);
    expect(new Set(started.map((s) => s.explanationId)).size).toBe(1);
    expect(started.map((s) => [s.createdVersion, s.joined])).toEqual([[true, false], ...Array(4).fill([false, true])]);
    expect(explanationHistory(stage.db, stage.cacheId, 5).filter((r) => r.text === request.text)).toHaveLength(1);

    // Another text, another simulator, another latent or another tie rule is another simulation.
    const otherText = startExplanationSimulation(stage.db, { ...request, text: "words about w18" }, deps());
    const otherSimulator = startExplanationSimulation(stage.db, request, deps("llm:other-model"));
    const otherLatent = startExplanationSimulation(stage.db, { ...request, latent: 6 }, deps());
    const otherTieRule = startExplanationSimulation(stage.db, { ...request, tieRule: "mid-rank" }, deps());
    const jobIds = new Set([started[0].jobId, otherText.jobId, otherSimulator.jobId, otherLatent.jobId, otherTieRule.jobId]);
    expect(jobIds.size).toBe(5);
    expect(listJobs(stage.db, { kind: EXPLORER_JOB_KIND })).toHaveLength(5);

    // Once the job has ended, the same request runs again.
    await settled();
    expect(findJob(stage.db, started[0].jobId)?.status).toBe("failed");
    const again = startExplanationSimulation(stage.db, request, deps());
    expect(again.joined).toBe(false);
    expect(again.jobId).not.toBe(started[0].jobId);
    await settled();
  });
});
