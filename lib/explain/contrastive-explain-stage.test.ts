import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentExplanations } from "@/db/explanations";
import { findLatentDetail } from "@/db/latents";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { openStageCache } from "@/lib/cache/stage-cache";
import { startTestLlmClient, type TestLlmSetup } from "@/lib/llm/testing/test-client";
import { cacheTokenCounts } from "./cache-token-counts";
import { contrastExamples, explainLatentsContrastively } from "./contrastive-explain-stage";
import { ContrastiveStatisticalExplainer, LlmContrastiveExplainer } from "./contrastive-explainer";

let stage: SyntheticStage;
let llm: TestLlmSetup;
const LATENTS = [0, 1, 2];

beforeAll(async () => {
  stage = await openSyntheticStage();
  llm = await startTestLlmClient();
});
afterAll(async () => {
  await llm.server.close();
  stage.cleanup();
});

describe("contrastExamples", () => {
  it("takes excerpts where the nearest latents fire, with this latent's own activations at the same tokens", () => {
    const cache = openStageCache(stage.db, stage.cacheId, { tokenText: stage.tokenText });
    expect(findLatentDetail(stage.db, stage.cacheId, 0)!.neighbours.length).toBeGreaterThanOrEqual(2);
    const negatives = contrastExamples(stage.db, cache, 0, 2, 3, 0);
    // Two neighbours × three excerpts, each where the neighbour fires.
    expect(negatives).toHaveLength(2 * 3);
    for (const n of negatives) {
      expect(n.tokens).toHaveLength(n.activations.length);
      expect(Math.max(...Array.from(n.neighbourActivations))).toBeGreaterThan(0);
    }
    // The other array is latent 0's own, so the two differ somewhere.
    expect(negatives.some((n) => Array.from(n.activations).some((a, i) => a !== n.neighbourActivations[i]))).toBe(true);
  });
});

describe("explainLatentsContrastively", () => {
  it("asks the LLM with both kinds of excerpt and stores versions tagged contrastive, skipped on a rerun", async () => {
    const explainer = new LlmContrastiveExplainer(llm.client);
    const result = await explainLatentsContrastively(stage.db, { cacheId: stage.cacheId, explainer, latents: LATENTS, tokenText: stage.tokenText });
    expect(result).toMatchObject({ explainerId: "llm:test-model (contrastive)", explained: 3, failed: 0, skipped: 0 });
    const prompt = (llm.server.requestLog.at(-1)!.body.messages as { content: string }[]).at(-1)!.content;
    expect(prompt).toContain("Excerpts where similar latents are active:");
    expect(prompt).toContain("[[");
    for (const row of currentExplanations(stage.db, stage.cacheId, LATENTS).values()) expect(row).toMatchObject({ sourceKind: "llm", sourceDetail: "test-model (contrastive)" });
    const again = await explainLatentsContrastively(stage.db, { cacheId: stage.cacheId, explainer, latents: LATENTS, tokenText: stage.tokenText });
    expect(again).toMatchObject({ explained: 0, skipped: 3 });
  });

  it("stores the offline baseline's versions as contrastive-baseline", async () => {
    const cache = openStageCache(stage.db, stage.cacheId, { tokenText: stage.tokenText });
    const explainer = new ContrastiveStatisticalExplainer(cacheTokenCounts(cache.cache, stage.tokenText));
    const result = await explainLatentsContrastively(stage.db, { cacheId: stage.cacheId, explainer, latents: LATENTS, tokenText: stage.tokenText });
    expect(result.explained + result.failed).toBe(3);
    const stored = [...currentExplanations(stage.db, stage.cacheId, LATENTS).values()].filter((r) => r.sourceKind === "contrastive-baseline");
    expect(stored).toHaveLength(result.explained);
  });
});
