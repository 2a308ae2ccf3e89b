import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { addExplanation } from "./explanations";
import { clearLatentFailure, latentFailuresOf, recordLatentFailure } from "./latent-failures";

let stage: SyntheticStage;

beforeAll(async () => {
  stage = await openSyntheticStage();
});
afterAll(() => {
  stage.cleanup();
});

describe("latent failures", () => {
  it("keeps the latest failure per (latent, stage, source), newest first, until the stage succeeds", () => {
    const { db, cacheId } = stage;
    const explain = { cacheId, latent: 3, stage: "explain" as const, source: "llm:m", explanationId: null };
    recordLatentFailure(db, { ...explain, reason: "llm-request-failed", detail: "HTTP 500" }, new Date("2026-01-01T00:00:00Z"));
    recordLatentFailure(db, { ...explain, reason: "answer-cut-off", detail: "max_tokens 500" }, new Date("2026-01-02T00:00:00Z"));
    const explanation = addExplanation(db, { cacheId, latent: 3, text: "w3", sourceKind: "statistical-baseline", sourceDetail: null }, new Date());
    const score = { cacheId, latent: 3, stage: "detection" as const, source: "llm:m", explanationId: explanation.id, reason: "no-usable-answers", detail: "none" };
    recordLatentFailure(db, score, new Date("2026-01-03T00:00:00Z"));
    expect(latentFailuresOf(db, cacheId, 3).map((f) => [f.stage, f.reason])).toEqual([
      ["detection", "no-usable-answers"],
      ["explain", "answer-cut-off"],
    ]);
    expect(latentFailuresOf(db, cacheId, 4)).toEqual([]);
    clearLatentFailure(db, explain);
    expect(latentFailuresOf(db, cacheId, 3).map((f) => f.stage)).toEqual(["detection"]);
  });
});
