import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { addExplanation } from "@/db/explanations";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { runNewJob } from "@/lib/jobs/job-runner";
import { startTestLlmClient, type TestLlmSetup } from "@/lib/llm/testing/test-client";
import { LexicalSimulator } from "./lexical-simulator";
import { LlmSimulator } from "./llm-simulator";
import { estimateSimulateCalls, latentsInFlight, sampleTokenIndices, simulateLatents, type SimulateLatentsOptions } from "./simulate-latents";

let stage: SyntheticStage;
let llm: TestLlmSetup;

beforeAll(async () => {
  stage = await openSyntheticStage();
  llm = await startTestLlmClient({}, { concurrency: 8 });
  for (const latent of [3, 4]) addExplanation(stage.db, { cacheId: stage.cacheId, latent, text: `Fires on "w${latent}"`, sourceKind: "llm", sourceDetail: "m" }, new Date());
});
afterAll(async () => {
  await llm.server.close();
  stage.cleanup();
});

const options = (overrides: Partial<SimulateLatentsOptions>): SimulateLatentsOptions => ({
  cacheId: stage.cacheId,
  simulator: new LlmSimulator(llm.client),
  latents: [3, 4, 5], // 5 has no explanation
  tokens: 50,
  windowLength: 16,
  seed: 2,
  tokenText: stage.tokenText,
  ...overrides,
});

describe("simulateLatents", () => {
  it("estimates only the calls missing from the prediction cache, and none for the lexical baseline", async () => {
    expect(estimateSimulateCalls(stage.db, options({ simulator: new LexicalSimulator() })).calls).toBe(0);
    const before = estimateSimulateCalls(stage.db, options({}));
    expect(before.calls).toBe(100);
    expect(before.sharedPromptTokens).toBeGreaterThan(0);
    expect(before.sharedPromptTokens).toBeLessThan(before.promptTokens);
    await simulateLatents(stage.db, options({ latents: [3] }));
    expect(estimateSimulateCalls(stage.db, options({})).calls).toBe(50);
  });

  it("summarizes each explained latent against its true activations at the sampled tokens", async () => {
    const summaries = await simulateLatents(stage.db, options({}));
    expect(summaries.map((s) => [s.latent, s.simulatorId, s.contexts, s.failed])).toEqual([
      [3, "llm:test-model", 50, 0],
      [4, "llm:test-model", 50, 0],
    ]);
    expect(summaries[0].fromCache).toBe(50);
    const cache = openActivationCache(findActivationCacheById(stage.db, stage.cacheId)?.dir as string);
    const tokens = sampleTokenIndices(cache.numTokens, 50, 2);
    expect(new Set(tokens).size).toBe(50);
    for (const summary of summaries) {
      const { positions } = cache.latentActivations(summary.latent);
      expect(summary.activeContexts).toBe(Array.from(tokens).filter((t) => positions.includes(t)).length);
      // The test server answers high exactly when the simulated token is the quoted one.
      const quoted = Array.from(tokens).filter((t) => cache.readTokens(t, 1)[0] === summary.latent).length;
      const [hit, miss] = [(8 * 0.5 + 9 * 0.25 + 7 * 0.15) / 0.9, 0.1 / 0.9];
      expect(summary.meanPrediction).toBeCloseTo((quoted * hit + (50 - quoted) * miss) / 50, 9);
    }
  });

  it("asks every stored context again with force, and counts them in the estimate", async () => {
    const before = llm.server.requestLog.length;
    expect(estimateSimulateCalls(stage.db, options({ latents: [3] })).calls).toBe(0);
    const forced = estimateSimulateCalls(stage.db, options({ latents: [3], force: true }));
    expect(forced.calls).toBe(50);
    expect(forced.completionTokens).toBe(50 * 8);
    const roomy = await startTestLlmClient({}, { maxTokens: { simulate: 300 } });
    await roomy.server.close();
    expect(estimateSimulateCalls(stage.db, options({ latents: [3], force: true, simulator: new LlmSimulator(roomy.client) })).completionTokens).toBe(50 * 300);
    await simulateLatents(stage.db, options({ latents: [3], force: true }));
    expect(llm.server.requestLog.length - before).toBe(50);
  });

  it("counts exactly the characters and requests a run then sends, chat or batched", async () => {
    const batched = await startTestLlmClient({ dialect: "vllm" }, { batch: { size: 16, promptFormat: "chatml" } });
    try {
      for (const { client, server } of [llm, batched]) {
        const simulator = new LlmSimulator(client);
        const estimate = estimateSimulateCalls(stage.db, options({ latents: [3, 4], force: true, simulator }));
        const before = server.requestLog.length;
        await simulateLatents(stage.db, options({ latents: [3, 4], force: true, simulator }));
        const sent = server.requestLog.slice(before).map((r) => r.body);
        const chars = sent.flatMap((b) => (Array.isArray(b.prompt) ? (b.prompt as string[]) : (b.messages as { content: string }[]).map((m) => m.content)));
        expect(estimate.promptChars).toBe(chars.reduce((sum, text) => sum + text.length, 0));
        expect(estimate.requests).toBe(sent.length);
        expect(estimate.calls).toBe(100);
      }
      expect(batched.server.requestLog.length).toBe(8); // 2 latents × ⌈50 / 16⌉
    } finally {
      await batched.server.close();
    }
  });

  it("stops a latent at the first chunk whose correlation CI is narrower than asked, and only then", async () => {
    const wide = await simulateLatents(stage.db, options({ latents: [3, 4], tokens: 300, seed: 5, stopAtCiWidth: 2 }));
    const narrow = await simulateLatents(stage.db, options({ latents: [3, 4], tokens: 300, seed: 5, stopAtCiWidth: 1e-9 }));
    // Any defined 95% CI of r is at most 2 wide: a latent whose r is defined on its first 100 contexts stops there.
    expect(wide.map((s) => s.asked)).toEqual(wide.map((s) => (Number.isNaN(s.correlation) ? 300 : 100)));
    expect(wide.some((s) => s.asked === 100)).toBe(true);
    expect(narrow.map((s) => [s.asked, s.contexts])).toEqual([
      [300, 300],
      [300, 300],
    ]);
  });

  it("runs latents side by side so a batched server gets about its concurrency in requests", async () => {
    // 50 contexts, 16 per request → 4 requests a latent; concurrency 8 → 2 latents at once. The server holds every
    // request until 8 are in flight (else 2 s), so one latent at a time would never reach 8.
    const fleet = await startTestLlmClient({ dialect: "vllm", holdUntilInFlight: 8 }, { concurrency: 8, batch: { size: 16, promptFormat: "plain" } });
    try {
      const simulator = new LlmSimulator(fleet.client);
      expect(latentsInFlight(simulator, 50)).toBe(2);
      const overall: number[] = [];
      const summaries = await simulateLatents(stage.db, options({ latents: [3, 4], simulator, onProgress: (p) => overall.push(p.overall.done) }));
      expect(fleet.server.maxInFlight()).toBe(8);
      expect(summaries.map((s) => [s.latent, s.asked, s.failed])).toEqual([
        [3, 50, 0],
        [4, 50, 0],
      ]);
      expect(overall.at(-1)).toBe(100);
      expect(overall.every((done, i) => i === 0 || done >= overall[i - 1])).toBe(true);
    } finally {
      await fleet.server.close();
    }
    expect(latentsInFlight(new LexicalSimulator(), 50)).toBe(1);
  });

  it("fails its job with the reason, once, when the server refuses every call (as /jobs and the CLI show it)", async () => {
    const refusing = await startTestLlmClient({ dialect: "vllm", always: { kind: "error", problem: "unknown-model" } }, { model: "llama", concurrency: 2 }, { retry: { maxRetries: 0 } });
    try {
      const job = await runNewJob(stage.db, "simulate-test", { run: 1 }, async () => {
        await simulateLatents(stage.db, options({ simulator: new LlmSimulator(refusing.client), latents: [3, 4] }));
      });
      expect(job.status).toBe("failed");
      expect(job.error).toMatch(/^stopped after 3 LLM calls in a row failed the same way \(llm-request-failed\): .*HTTP 404: The model `llama` does not exist\. \(NotFoundError\)/);
      expect(job.error?.match(/does not exist/g)).toHaveLength(1);
      expect(refusing.server.requestLog.length).toBeLessThanOrEqual(4); // not 100
    } finally {
      await refusing.server.close();
    }
  });
});
