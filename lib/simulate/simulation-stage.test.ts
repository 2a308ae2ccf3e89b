import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { explanationHash, findPredictions } from "@/db/predictions";
import { openActivationCache, type ActivationCache } from "@/lib/cache/activation-cache";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { LlmClient } from "@/lib/llm";
import { startTestLlmClient, type TestLlmSetup } from "@/lib/llm/testing/test-client";
import { startTestLlmServer } from "@/lib/llm/testing/test-server";
import { LlmSimulator } from "./llm-simulator";
import { contextsEndingAt, type SimulationContext } from "./simulation-contexts";
import { simulateContexts } from "./simulation-stage";

let stage: SyntheticStage;
let cache: ActivationCache;
let llm: TestLlmSetup;

beforeAll(async () => {
  stage = await openSyntheticStage();
  cache = openActivationCache(findActivationCacheById(stage.db, stage.cacheId)?.dir as string);
  llm = await startTestLlmClient({}, {}, { retry: { maxRetries: 0 } });
});
afterAll(async () => {
  await llm.server.close();
  stage.cleanup();
});

// The test server's digit distributions (test-server-rules.ts), renormalised over the digits by hand.
const MATCH = (8 * 0.5 + 9 * 0.25 + 7 * 0.15) / 0.9;
const MISS = (0 * 0.8 + 1 * 0.1) / 0.9;

const contextsAt = (tokens: number[], windowLength = 8) => contextsEndingAt({ cacheId: stage.cacheId, cache }, tokens, windowLength, stage.tokenText);
const spread = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => (offset + i * 97) % cache.numTokens);

describe("contextsEndingAt", () => {
  it("takes the window ending at each token, never crossing into the previous context", () => {
    const [first, short, full, atStart] = contextsAt([0, 5, 100, 64]);
    const ids = (start: number, count: number) => Array.from(cache.readTokens(start, count), (id) => ` w${id}`);
    expect(first).toEqual({ contextId: `${stage.cacheId}:0:8`, tokens: ids(0, 1) });
    expect(short.tokens).toEqual(ids(0, 6));
    expect(full).toEqual({ contextId: `${stage.cacheId}:100:8`, tokens: ids(93, 8) });
    expect(atStart.tokens).toEqual(ids(64, 1)); // token 64 opens context 1
    expect(() => contextsAt([cache.numTokens])).toThrow(/outside the cache's 12800 tokens/);
  });
});

describe("simulateContexts", () => {
  it("asks each context once: a second run is answered from the prediction cache with zero requests", async () => {
    const contexts = contextsAt(spread(60));
    const simulator = new LlmSimulator(llm.client);
    const explanation = 'The token "w7"';
    const first = await simulateContexts(stage.db, { simulator, explanation, contexts });
    expect(llm.server.requestLog).toHaveLength(60);
    contexts.forEach((context, i) => {
      const expected = context.tokens.at(-1) === " w7" ? MATCH : MISS;
      expect(first[i]).toMatchObject({ ok: true });
      expect(first[i].ok && first[i].prediction).toBeCloseTo(expected, 12);
    });
    let fromCache = -1;
    const second = await simulateContexts(stage.db, { simulator, explanation, contexts, onProgress: (p) => (fromCache = p.fromCache) });
    expect(llm.server.requestLog).toHaveLength(60);
    expect(fromCache).toBe(60);
    second.forEach((outcome, i) => {
      expect(outcome.ok && outcome.prediction).toBe(first[i].ok && first[i].prediction);
      const [a, b] = [outcome.ok && outcome.digitProbs, first[i].ok && first[i].digitProbs] as Float64Array[];
      a.forEach((p, d) => expect(p).toBeCloseTo(b[d], 6)); // stored as f32
    });
    // Another explanation is another key.
    await simulateContexts(stage.db, { simulator, explanation: 'The token "w8"', contexts: contexts.slice(0, 5) });
    expect(llm.server.requestLog).toHaveLength(65);
  });

  it("records unusable answers as failures with their reason, and asks again only where the cause can change", async () => {
    const script = [{ kind: "reply" as const, text: "I'm sorry, I can't rate that." }, { kind: "no-logprobs" as const }, { kind: "garbage" as const }];
    const serial = await startTestLlmClient({ script }, { concurrency: 1 }, { retry: { maxRetries: 0 } });
    try {
      const contexts = contextsAt(spread(5, 11));
      const simulator = new LlmSimulator(serial.client);
      const explanation = "Anything at all";
      const outcomes = await simulateContexts(stage.db, { simulator, explanation, contexts });
      expect(outcomes.map((o) => (o.ok ? "ok" : o.reason))).toEqual(["refusal", "no-logprobs", "llm-request-failed", "ok", "ok"]);
      const stored = findPredictions(stage.db, { simulatorId: "llm:test-model", explanationHash: explanationHash(explanation) }, contexts.map((c) => c.contextId));
      expect(stored.get(contexts[0].contextId)).toMatchObject({ ok: false, reason: "refusal", detail: expect.stringContaining("I'm sorry") });
      expect(stored.get(contexts[2].contextId)).toMatchObject({ ok: false, reason: "llm-request-failed", detail: expect.stringContaining("not JSON") });
      const again = await simulateContexts(stage.db, { simulator, explanation, contexts });
      // The missing logprobs (a server since upgraded) and the failed request are asked again; the refusal stands.
      expect(serial.server.requestLog).toHaveLength(7);
      expect(again.map((o) => (o.ok ? "ok" : o.reason))).toEqual(["refusal", "ok", "ok", "ok", "ok"]);
    } finally {
      await serial.server.close();
    }
  });

  it("stops on abort keeping every finished answer; the resumed run asks only the missing ones", async () => {
    const contexts = contextsAt(spread(40, 5));
    const simulator = new LlmSimulator(llm.client);
    const explanation = "Aborted explanation";
    const controller = new AbortController();
    const before = llm.server.requestLog.length;
    await expect(
      simulateContexts(stage.db, { simulator, explanation, contexts, signal: controller.signal, onProgress: (p) => p.done >= 10 && controller.abort() }),
    ).rejects.toThrow();
    const key = { simulatorId: simulator.id, explanationHash: explanationHash(explanation) };
    const kept = findPredictions(stage.db, key, contexts.map((c) => c.contextId)).size;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(40);
    expect(llm.server.requestLog.length - before).toBeGreaterThanOrEqual(kept);
    // A fresh client counts the resumed run's own calls (an aborted request may still reach the server late).
    const client = new LlmClient({ baseUrl: llm.server.url, model: "test-model", apiKey: null, concurrency: 4, timeoutMs: 10_000 });
    const outcomes = await simulateContexts(stage.db, { simulator: new LlmSimulator(client), explanation, contexts });
    expect(client.usage().calls).toBe(40 - kept);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it("survives SIGKILL: a killed run loses no finished prediction and the resumed run asks only the missing ones", async () => {
    const server = await startTestLlmServer({ replyDelayMs: 15 });
    try {
      const contexts: SimulationContext[] = contextsAt(spread(120, 3));
      const contextsFile = join(stage.dir, "contexts.json");
      writeFileSync(contextsFile, JSON.stringify(contexts));
      const explanation = 'The token "w9"';
      const key = { simulatorId: "llm:test-model", explanationHash: explanationHash(explanation) };
      const stored = () => findPredictions(stage.db, key, contexts.map((c) => c.contextId)).size;
      const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "testing", "simulation-stage.child.ts"), stage.dbPath, server.url, contextsFile, explanation], {
        cwd: process.cwd(),
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      const deadline = Date.now() + 40_000;
      while (stored() < 20 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      child.kill("SIGKILL");
      expect(await exited, stderr).toBe("SIGKILL");

      const kept = stored();
      const served = server.requestLog.length;
      expect(kept).toBeGreaterThanOrEqual(20);
      expect(kept).toBeLessThan(120);
      // The child keeps 2 requests in flight; every other request it made was answered and committed.
      expect(served - kept).toBeGreaterThanOrEqual(0);
      expect(served - kept).toBeLessThanOrEqual(2);

      const client = new LlmClient({ baseUrl: server.url, model: "test-model", apiKey: null, concurrency: 8, timeoutMs: 10_000 });
      const outcomes = await simulateContexts(stage.db, { simulator: new LlmSimulator(client), explanation, contexts });
      expect(client.usage().calls).toBe(120 - kept);
      contexts.forEach((context, i) => {
        expect(outcomes[i].ok && outcomes[i].prediction).toBeCloseTo(context.tokens.at(-1) === " w9" ? MATCH : MISS, 12);
      });
    } finally {
      await server.close();
    }
  });
});
