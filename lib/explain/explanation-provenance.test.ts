import { describe, expect, it } from "vitest";
import { addExplanation } from "@/db/explanations";
import { recordLatentFailure } from "@/db/latent-failures";
import { openSyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { explanationSourceLabel, latentFailureNotes, scorerSourceLabel } from "./explanation-provenance";

describe("provenance labels", () => {
  it("names baselines as baselines and LLMs with their model", () => {
    expect(explanationSourceLabel("statistical-baseline", null)).toMatch(/^statistical baseline .*not an LLM/);
    expect(explanationSourceLabel("llm", "Qwen2.5-7B")).toBe("LLM (Qwen2.5-7B)");
    expect(scorerSourceLabel("lexical-baseline")).toMatch(/^lexical baseline .*not an LLM/);
    expect(scorerSourceLabel("llm:gpt-4o-mini")).toBe("LLM (gpt-4o-mini)");
  });

  it("adds the model name the server reported when it is not the configured one", () => {
    expect(explanationSourceLabel("llm", "llama3", "llama3:latest")).toBe("LLM (llama3; the server reported llama3:latest)");
    expect(explanationSourceLabel("llm", "llama3", "llama3")).toBe("LLM (llama3)");
    expect(scorerSourceLabel("llm:llama3", "llama3:latest")).toBe("LLM (llama3; the server reported llama3:latest)");
  });
});

describe("latentFailureNotes", () => {
  it("words the latent's explain failures and the current explanation's score failures, not an earlier version's", async () => {
    const stage = await openSyntheticStage();
    try {
      const { db, cacheId } = stage;
      const old = addExplanation(db, { cacheId, latent: 1, text: "old", sourceKind: "statistical-baseline", sourceDetail: null }, new Date());
      const failure = { cacheId, latent: 1, reason: "no-usable-answers", detail: "none usable" };
      recordLatentFailure(db, { ...failure, stage: "fuzzing", source: "llm:m", explanationId: old.id }, new Date("2026-01-01T00:00:00Z"));
      const current = addExplanation(db, { cacheId, latent: 1, text: "new", sourceKind: "statistical-baseline", sourceDetail: null }, new Date());
      recordLatentFailure(db, { ...failure, stage: "detection", source: "lexical-baseline", explanationId: current.id }, new Date("2026-01-02T00:00:00Z"));
      recordLatentFailure(db, { ...failure, stage: "explain", source: "llm:m", explanationId: null, reason: "answer-cut-off" }, new Date("2026-01-03T00:00:00Z"));
      expect(latentFailureNotes(db, cacheId, 1).map((n) => [n.what, n.sourceLabel, n.reason])).toEqual([
        ["Explaining", "LLM (m)", "answer-cut-off"],
        ["Detection scoring", scorerSourceLabel("lexical-baseline"), "no-usable-answers"],
      ]);
    } finally {
      stage.cleanup();
    }
  });
});
