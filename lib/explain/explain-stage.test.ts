import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addExplanation, currentExplanations, explanationHistory } from "@/db/explanations";
import { latentFailuresOf } from "@/db/latent-failures";
import { listLatents } from "@/db/latent-list";
import { findLatentDetail } from "@/db/latents";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { RunStoppedError } from "@/lib/llm";
import { startTestLlmClient, type TestLlmSetup } from "@/lib/llm/testing/test-client";
import { exampleLabel } from "@/lib/llm";
import { explainLatents, EXPLANATION_EXAMPLES_PER_BIN } from "./explain-stage";
import { LlmExplainer } from "./llm-explainer";
import { statisticalExplainerForCache } from "./cache-token-counts";

let stage: SyntheticStage;
let llm: TestLlmSetup;
const LATENTS = [0, 1, 2, 3, 4, 5];

beforeAll(async () => {
  stage = await openSyntheticStage();
  llm = await startTestLlmClient();
});
afterAll(async () => {
  await llm.server.close();
  stage.cleanup();
});

const run = (explainer: LlmExplainer | ReturnType<typeof statisticalExplainerForCache>, latents: number[], force = false) =>
  explainLatents(stage.db, { cacheId: stage.cacheId, explainer, latents, force, tokenText: stage.tokenText });

function exampleCount(prompt: string): number {
  let k = 0;
  while (prompt.includes(exampleLabel(k + 1))) k += 1;
  return k;
}

describe("explainLatents", () => {
  it("explains each latent from its quantile-sampled examples and stores a current LLM version, mirrored and searchable", async () => {
    const progress: number[] = [];
    const result = await explainLatents(stage.db, {
      cacheId: stage.cacheId,
      explainer: new LlmExplainer(llm.client),
      latents: LATENTS,
      tokenText: stage.tokenText,
      onProgress: (p) => progress.push(p.done),
    });
    expect(result).toMatchObject({ explainerId: "llm:test-model", explained: 6, failed: 0, skipped: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(llm.server.requestLog).toHaveLength(6);
    for (const request of llm.server.requestLog) {
      const prompt = (request.body.messages as { content: string }[]).at(-1)?.content ?? "";
      // 10 bins of up to 5 stored windows each; every bin of this cache holds all 5, so 4 per bin are shown.
      expect(exampleCount(prompt)).toBe(10 * EXPLANATION_EXAMPLES_PER_BIN);
    }
    const current = currentExplanations(stage.db, stage.cacheId, LATENTS);
    for (const latent of LATENTS) {
      const row = current.get(latent);
      expect(row).toMatchObject({ sourceKind: "llm", sourceDetail: "test-model", isCurrent: true });
      expect(row?.text).toMatch(/^The token "w\d+"\.$/); // the test server names the most often marked token
      expect(findLatentDetail(stage.db, stage.cacheId, latent)?.explanation).toBe(row?.text);
    }
    const word = current.get(0)?.text.match(/w\d+/)?.[0] as string;
    const found = listLatents(stage.db, stage.cacheId, { sort: "latent", direction: "asc", page: 1, pageSize: 64, search: word }).rows;
    expect(found.map((r) => r.latent)).toContain(0);
  });

  it("resumes: latents already explained by the same explainer are skipped without a request", async () => {
    const before = llm.server.requestLog.length;
    const result = await run(new LlmExplainer(llm.client), LATENTS);
    expect(result).toMatchObject({ explained: 0, failed: 0, skipped: 6 });
    expect(llm.server.requestLog.length).toBe(before);
  });

  it("records an unusable answer as a failure with its reason and keeps the current explanation", async () => {
    const failing = await startTestLlmClient({ script: [{ kind: "reply", text: "I cannot help with that." }] });
    try {
      const before = currentExplanations(stage.db, stage.cacheId, [2]).get(2);
      const result = await run(new LlmExplainer(failing.client), [2], true);
      expect(result).toMatchObject({ explained: 0, failed: 1, failures: [{ latent: 2, reason: "no-explanation-line" }] });
      expect(currentExplanations(stage.db, stage.cacheId, [2]).get(2)?.id).toBe(before?.id);
      // Stored for the latent page until the explainer succeeds for the latent.
      expect(latentFailuresOf(stage.db, stage.cacheId, 2)).toMatchObject([{ stage: "explain", source: "llm:test-model", reason: "no-explanation-line" }]);
      expect(await run(new LlmExplainer(failing.client), [2], true)).toMatchObject({ explained: 1 });
      expect(latentFailuresOf(stage.db, stage.cacheId, 2)).toEqual([]);
    } finally {
      await failing.server.close();
    }
  });

  it("stops within a few calls when the server does not know the model, saying so once", async () => {
    const wrong = await startTestLlmClient({ dialect: "ollama", always: { kind: "error", problem: "unknown-model" } }, { model: "lama3", concurrency: 2 });
    try {
      const run = explainLatents(stage.db, { cacheId: stage.cacheId, explainer: new LlmExplainer(wrong.client), latents: Array.from({ length: 40 }, (_, i) => i), force: true, tokenText: stage.tokenText });
      await expect(run).rejects.toBeInstanceOf(RunStoppedError);
      await expect(run).rejects.toThrow(/HTTP 404: model "lama3" not found, try pulling it first \(not_found_error\); check REWRITE_LLM_MODEL \(lama3\)/);
      expect(wrong.server.requestLog.length).toBeLessThanOrEqual(4);
    } finally {
      await wrong.server.close();
    }
  });

  it("explains with a thinking model given room, storing the model name the server reports", async () => {
    const thinking = await startTestLlmClient({ dialect: "vllm", reasoning: "The marks sit on one token. [EXPLANATION]: not yet.", quirks: { reportedModel: "Qwen/Qwen3-8B" } });
    try {
      expect(await run(new LlmExplainer(thinking.client), [5], true)).toMatchObject({ explained: 1 });
      const row = currentExplanations(stage.db, stage.cacheId, [5]).get(5);
      expect(row).toMatchObject({ sourceKind: "llm", sourceDetail: "test-model", servedModel: "Qwen/Qwen3-8B" });
      expect(row?.text).toMatch(/^The token "w\d+"\.$/);
    } finally {
      await thinking.server.close();
    }
  });

  it("leaves a user's edit alone unless forced, and versions a new source on top", async () => {
    addExplanation(stage.db, { cacheId: stage.cacheId, latent: 1, text: "My own words", sourceKind: "user", sourceDetail: null }, new Date());
    expect(await run(new LlmExplainer(llm.client), [1])).toMatchObject({ skipped: 1 });
    expect(findLatentDetail(stage.db, stage.cacheId, 1)?.explanation).toBe("My own words");
    expect(await run(new LlmExplainer(llm.client), [1], true)).toMatchObject({ explained: 1 });
    expect(explanationHistory(stage.db, stage.cacheId, 1).map((e) => e.sourceKind)).toEqual(["llm", "user", "llm"]);
  });

  it("runs the statistical baseline from the cache's own token counts, stored as a baseline version", async () => {
    const explainer = statisticalExplainerForCache(stage.db, stage.cacheId, { tokenText: stage.tokenText });
    const result = await run(explainer, LATENTS);
    expect(result.explainerId).toBe("statistical-baseline");
    expect(result.explained + result.failed).toBe(6);
    expect(result.explained).toBeGreaterThan(0);
    expect(result.failures.every((f) => f.reason === "no-enriched-token")).toBe(true);
    const current = currentExplanations(stage.db, stage.cacheId, LATENTS);
    const baseline = LATENTS.filter((l) => current.get(l)?.sourceKind === "statistical-baseline");
    expect(baseline).toHaveLength(result.explained);
    for (const latent of baseline) expect(current.get(latent)?.text).toMatch(/^Fires (on|after) "w\d+"/);
    expect(await run(explainer, LATENTS)).toMatchObject({ explained: 0, skipped: result.explained });
  });
});
