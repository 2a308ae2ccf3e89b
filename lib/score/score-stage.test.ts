import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { addExplanation, type ExplanationRow } from "@/db/explanations";
import { latentFailuresOf } from "@/db/latent-failures";
import { findLatentDetail } from "@/db/latents";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { windowStartToken } from "@/lib/cache/activation-windows";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { RunStoppedError } from "@/lib/llm";
import { startTestLlmClient, type TestLlmSetup } from "@/lib/llm/testing/test-client";
import type { ScoreDetails } from "./score-details";
import { estimateScoreCalls, scoreLatents, type ScoreLatentsOptions } from "./score-stage";

let stage: SyntheticStage;
let llm: TestLlmSetup;
const explanations = new Map<number, ExplanationRow>();

beforeAll(async () => {
  stage = await openSyntheticStage();
  llm = await startTestLlmClient({}, {}, { retry: { maxRetries: 0 } });
  // Latent 4 stays unexplained.
  for (const latent of [0, 1, 2, 3]) {
    const text = `Fires on "w${7 + latent}"`;
    explanations.set(latent, addExplanation(stage.db, { cacheId: stage.cacheId, latent, text, sourceKind: "llm", sourceDetail: "m" }, new Date()));
  }
});
afterAll(async () => {
  await llm.server.close();
  stage.cleanup();
});

const base = (overrides: Partial<ScoreLatentsOptions>): ScoreLatentsOptions => ({
  cacheId: stage.cacheId,
  scorer: "lexical-baseline",
  tasks: ["detection", "fuzzing"],
  activatingPerLatent: 20,
  nonActivatingPerLatent: 20,
  seed: 1,
  tokenText: stage.tokenText,
  ...overrides,
});

function detailsOf(latent: number, task: "detection" | "fuzzing", scorerSource: string) {
  const row = scoresOfExplanation(stage.db, explanations.get(latent)?.id as number).find((r) => r.scorer === task && r.scorerSource === scorerSource);
  return { row, details: JSON.parse(row?.detailsJson ?? "null") as ScoreDetails };
}

describe("scoreLatents", () => {
  it("scores with the offline baseline under its own label, on held-out activating and silent windows", async () => {
    const result = await scoreLatents(stage.db, base({ latents: [0, 1, 2, 3, 4] }));
    expect(result).toMatchObject({ scorerSource: "lexical-baseline", scored: 8, failed: 0, skipped: 0, noExplanation: 1, failedExamples: 0 });
    const files = openActivationCache(findActivationCacheById(stage.db, stage.cacheId)?.dir as string);
    const shape = { contextLength: 64, windowLength: 32 };
    for (const latent of [0, 1, 2, 3]) {
      const { row, details } = detailsOf(latent, "detection", "lexical-baseline");
      expect(row).toMatchObject({ exampleCount: 40, failedCount: 0 });
      const acts = files.latentActivations(latent);
      const heldOut = new Set(findLatentDetail(stage.db, stage.cacheId, latent)?.quantileWindows.flatMap((w) => Array.from(w)));
      let tp = 0;
      let tn = 0;
      details.windows.forEach((window, i) => {
        const start = windowStartToken(window, shape);
        const fires = Array.from(acts.positions).some((p) => p >= start && p < start + 32);
        expect(fires).toBe(details.activating[i] === 1);
        if (fires) expect(heldOut.has(window)).toBe(false);
        // The lexical baseline says 1 exactly where the quoted token occurs in the window.
        const quoted = Array.from(files.readTokens(start, 32)).includes(7 + latent);
        expect(details.prediction[i]).toBe(quoted ? 1 : 0);
        if (quoted && fires) tp += 1;
        if (!quoted && !fires) tn += 1;
      });
      expect(details.activating.filter((a) => a === 1)).toHaveLength(20);
      expect(row?.balancedAccuracy).toBeCloseTo((tp / 20 + tn / 20) / 2, 12);
      expect(findLatentDetail(stage.db, stage.cacheId, latent)?.detectionScore).toBeCloseTo(row?.balancedAccuracy as number, 12);
      expect(detailsOf(latent, "fuzzing", "lexical-baseline").details.highlighted).toHaveLength(40);
    }
  });

  it("scores with an LLM, resumes without a request, and the LLM's score outranks the baseline's in the mirror", async () => {
    const options = base({ scorer: "llm", client: llm.client, tasks: ["detection"], latents: [0, 1], activatingPerLatent: 10, nonActivatingPerLatent: 10 });
    const result = await scoreLatents(stage.db, options);
    expect(result).toMatchObject({ scorerSource: "llm:test-model", scored: 2, failed: 0 });
    expect(llm.server.requestLog).toHaveLength(8); // 20 examples, 5 per prompt, 2 latents
    const { row } = detailsOf(0, "detection", "llm:test-model");
    expect(row).toMatchObject({ exampleCount: 20, failedCount: 0 });
    expect(row?.auc).not.toBeNull();
    expect(findLatentDetail(stage.db, stage.cacheId, 0)?.detectionScore).toBeCloseTo(row?.balancedAccuracy as number, 12);
    expect(await scoreLatents(stage.db, options)).toMatchObject({ scored: 0, skipped: 2 });
    expect(llm.server.requestLog).toHaveLength(8);
  });

  it("records a task whose every prompt failed as a latent failure with its reason, storing no score, until a run succeeds", async () => {
    const failing = await startTestLlmClient({ script: Array.from({ length: 4 }, () => ({ kind: "reply" as const, text: "I cannot judge these." })) });
    const options = base({ scorer: "llm", client: failing.client, tasks: ["detection"], latents: [2], activatingPerLatent: 10, nonActivatingPerLatent: 10 });
    try {
      const result = await scoreLatents(stage.db, options);
      expect(result).toMatchObject({ scored: 0, failed: 1, failures: [{ latent: 2, task: "detection", reason: "no-usable-answers" }] });
      expect(result.failures[0].detail).toMatch(/no-list: .*I cannot judge/);
      expect(detailsOf(2, "detection", "llm:test-model").row).toBeUndefined();
      const [stored] = latentFailuresOf(stage.db, stage.cacheId, 2);
      expect(stored).toMatchObject({ stage: "detection", source: "llm:test-model", explanationId: explanations.get(2)?.id, reason: "no-usable-answers" });
      expect(stored.detail).toContain("I cannot judge");
      // The script is used up: the same run again scores, and the failure is gone.
      expect(await scoreLatents(stage.db, options)).toMatchObject({ scored: 1, failed: 0 });
      expect(latentFailuresOf(stage.db, stage.cacheId, 2)).toEqual([]);
    } finally {
      await failing.server.close();
    }
  });

  it("stops within a few prompts when the server refuses every one (a vLLM without a chat template), with its reason", async () => {
    const refusing = await startTestLlmClient({ dialect: "vllm", always: { kind: "error", problem: "no-chat-template" } }, { concurrency: 2 }, { retry: { maxRetries: 0 } });
    try {
      // 4 latents × 20 examples / 5 per prompt = 16 prompts, were they all sent.
      const run = scoreLatents(stage.db, base({ scorer: "llm", client: refusing.client, tasks: ["detection"], latents: [0, 1, 2, 3], activatingPerLatent: 10, nonActivatingPerLatent: 10, force: true }));
      await expect(run).rejects.toBeInstanceOf(RunStoppedError);
      await expect(run).rejects.toThrow(/3 LLM calls in a row failed the same way \(llm-request-failed\).*HTTP 400: As of transformers v4\.44/);
      expect(refusing.server.requestLog.length).toBeLessThanOrEqual(4);
    } finally {
      await refusing.server.close();
    }
  });

  it("says how many prompts came without logprobs (no AUC), and records the model name the server reports", async () => {
    const ollama = await startTestLlmClient({ dialect: "ollama", quirks: { noLogprobs: true, reportedModel: "test-model:latest" } }, {}, { retry: { maxRetries: 0 } });
    try {
      const result = await scoreLatents(stage.db, base({ scorer: "llm", client: ollama.client, tasks: ["fuzzing"], latents: [3], activatingPerLatent: 10, nonActivatingPerLatent: 10 }));
      expect(result).toMatchObject({ scored: 1, promptsWithoutLogprobs: 4 });
      const { row } = detailsOf(3, "fuzzing", "llm:test-model");
      expect(row).toMatchObject({ auc: null, servedModel: "test-model:latest" });
    } finally {
      await ollama.server.close();
    }
  });

  it("estimates exactly the LLM calls a run makes, also what an interrupted run left", async () => {
    const own = await openSyntheticStage({ seed: 3 });
    const counting = await startTestLlmClient({}, { concurrency: 2 }, { retry: { maxRetries: 0 } });
    try {
      const latents = Array.from({ length: 8 }, (_, i) => i);
      for (const latent of latents) addExplanation(own.db, { cacheId: own.cacheId, latent, text: `Fires on "w${latent}"`, sourceKind: "llm", sourceDetail: "m" }, new Date());
      // More activating windows than most latents have: each latent's sample has its own size.
      const options: ScoreLatentsOptions = { ...base({ scorer: "llm", client: counting.client, latents, activatingPerLatent: 300, nonActivatingPerLatent: 30, examplesPerPrompt: 10 }), cacheId: own.cacheId, parallel: 2 };
      const perLatent = latents.map((latent) => estimateScoreCalls(own.db, { ...options, latents: [latent] }).calls);
      expect(new Set(perLatent).size).toBeGreaterThan(1);
      const calls = () => counting.client.usage().calls;
      const total = estimateScoreCalls(own.db, options).calls;
      expect(total).toBe(perLatent.reduce((a, b) => a + b, 0));

      // A run stopped after three latents, then the estimate of what is left, then the rest of the run.
      const controller = new AbortController();
      await expect(scoreLatents(own.db, { ...options, signal: controller.signal, onProgress: (p) => p.done >= 3 && controller.abort(new Error("stopped")) })).rejects.toThrow("stopped");
      const interrupted = calls();
      const left = estimateScoreCalls(own.db, options).calls;
      expect(left).toBeLessThan(total);
      expect(left).toBeGreaterThan(0);
      const result = await scoreLatents(own.db, options);
      expect(result.failed).toBe(0);
      expect(calls() - interrupted).toBe(left);
      expect(estimateScoreCalls(own.db, options).calls).toBe(0);
    } finally {
      await counting.server.close();
      own.cleanup();
    }
  });

  it('refuses the "llm" scorer without a client', async () => {
    await expect(scoreLatents(stage.db, base({ scorer: "llm" }))).rejects.toThrow(/needs an LLM client/);
  });
});
