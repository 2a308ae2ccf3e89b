// The simulate stage against the local test server answering as vLLM, llama.cpp server and Ollama do: spellings of
// the answer, thinking models, missing logprobs, and servers that fail every call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { explanationHash, findPredictions } from "@/db/predictions";
import { openActivationCache, type ActivationCache } from "@/lib/cache/activation-cache";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { RunStoppedError } from "@/lib/llm";
import type { LlmConfig } from "@/lib/llm";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { TestServerOptions } from "@/lib/llm/testing/test-server";
import { LlmSimulator } from "./llm-simulator";
import { contextsEndingAt } from "./simulation-contexts";
import { simulateContexts } from "./simulation-stage";

let stage: SyntheticStage;
let cache: ActivationCache;

beforeAll(async () => {
  stage = await openSyntheticStage();
  cache = openActivationCache(findActivationCacheById(stage.db, stage.cacheId)?.dir as string);
});
afterAll(() => stage.cleanup());

// The test server's digit distributions (test-server-rules.ts), renormalised over the digits by hand.
const MATCH = (8 * 0.5 + 9 * 0.25 + 7 * 0.15) / 0.9;
const MISS = (0 * 0.8 + 1 * 0.1) / 0.9;
const EXPLANATION = 'The token "w7"';
// A thinking model's reasoning, with digits and a bracketed digit of its own: 29 tokens as the test server splits it.
const REASONING = "The scale is 0-9. The last token is w7, maybe [5]? Let me decide.";

const contextsAt = (count: number, offset: number) =>
  contextsEndingAt({ cacheId: stage.cacheId, cache }, Array.from({ length: count }, (_, i) => (offset + i * 97) % cache.numTokens), 8, stage.tokenText);

async function simulateWith(server: TestServerOptions, config: Partial<LlmConfig>, count: number, offset: number, explanation = EXPLANATION) {
  const llm = await startTestLlmClient(server, { concurrency: 2, ...config }, { retry: { maxRetries: 0 } });
  const contexts = contextsAt(count, offset);
  try {
    const outcomes = await simulateContexts(stage.db, { simulator: new LlmSimulator(llm.client), explanation, contexts }).catch((error: unknown) => error);
    return { outcomes, contexts, requests: llm.server.requestLog };
  } finally {
    await llm.server.close();
  }
}

function expectExact(outcomes: unknown, contexts: ReturnType<typeof contextsAt>) {
  expect(Array.isArray(outcomes), String(outcomes)).toBe(true);
  (outcomes as Array<{ ok: boolean; prediction?: number }>).forEach((outcome, i) => {
    expect(outcome.ok).toBe(true);
    expect(outcome.prediction).toBeCloseTo(contexts[i].tokens.at(-1) === " w7" ? MATCH : MISS, 12);
  });
}

describe("simulateContexts against each server's answers", () => {
  const styles = [{}, { digits: "leading-space" }, { digits: "merged-bracket" }, { before: "On a 0-9 scale: " }, { after: " (0 = none)" }] as const;
  for (const dialect of ["vllm", "llama.cpp", "ollama"] as const) {
    it(`reads the exact expected value from ${dialect}, however the answer is spelled`, async () => {
      for (const [i, answerStyle] of styles.entries()) {
        // Prose around the answer needs more than the default 8 tokens (the test server splits "0-9" in three).
        const { outcomes, contexts } = await simulateWith({ dialect, answerStyle }, { maxTokens: { simulate: 24 } }, 6, 30 * i + 1, `${EXPLANATION} (${dialect} ${i})`);
        expectExact(outcomes, contexts);
      }
    });
  }

  it("reads llama.cpp's post-sampling probabilities the same way", async () => {
    const { outcomes, contexts } = await simulateWith({ dialect: "llama.cpp", quirks: { postSamplingProbs: true } }, {}, 6, 7, `${EXPLANATION} probs`);
    expectExact(outcomes, contexts);
  });
});

describe("simulateContexts with a thinking model", () => {
  it("stops within a few calls when max_tokens cuts every answer off, saying what to change", async () => {
    const { outcomes, requests } = await simulateWith({ dialect: "vllm", reasoning: REASONING }, {}, 60, 3, `${EXPLANATION} cut`);
    expect(outcomes).toBeInstanceOf(RunStoppedError);
    expect(String(outcomes)).toMatch(/3 LLM calls in a row failed the same way \(answer-cut-off\).*cut off at max_tokens 8.*REWRITE_LLM_THINKING=off.*REWRITE_LLM_SIMULATE_MAX_TOKENS/);
    expect(requests.length).toBeLessThanOrEqual(4); // 3, and the one in flight beside the third
  });

  it("skips the reasoning (and the [5] in it) when given room to think, or when thinking is off", async () => {
    for (const dialect of ["vllm", "llama.cpp", "ollama"] as const) {
      const roomy = await simulateWith({ dialect, reasoning: REASONING }, { maxTokens: { simulate: 64 } }, 6, 11, `${EXPLANATION} roomy ${dialect}`);
      expectExact(roomy.outcomes, roomy.contexts);
      expect(roomy.requests[0].body).toMatchObject({ max_tokens: 64 });
      const off = await simulateWith({ dialect, reasoning: REASONING }, { thinking: "off" }, 6, 13, `${EXPLANATION} off ${dialect}`);
      expectExact(off.outcomes, off.contexts);
    }
  });
});

describe("simulateContexts with servers that fail every call", () => {
  it("stops after three identical 400s, with vLLM's own message once", async () => {
    const { outcomes, requests } = await simulateWith({ dialect: "vllm", always: { kind: "error", problem: "no-chat-template" } }, {}, 250, 5, `${EXPLANATION} 400`);
    expect(outcomes).toBeInstanceOf(RunStoppedError);
    const message = String(outcomes);
    expect(message).toContain("answered HTTP 400: As of transformers v4.44, default chat template is no longer allowed");
    expect(message.match(/As of transformers/g)).toHaveLength(1);
    expect(requests.length).toBeLessThanOrEqual(4);
  });

  it("stops an Ollama without logprobs, then asks the stored failures again once the server is upgraded", async () => {
    const explanation = `${EXPLANATION} old ollama`;
    const old = await simulateWith({ dialect: "ollama", quirks: { noLogprobs: true } }, {}, 20, 17, explanation);
    expect(String(old.outcomes)).toMatch(/\(no-logprobs\).*Ollama 0\.12\.11 or later/);
    const key = { simulatorId: "llm:test-model", explanationHash: explanationHash(explanation) };
    const failed = findPredictions(stage.db, key, old.contexts.map((c) => c.contextId));
    expect(failed.size).toBeGreaterThanOrEqual(3);
    expect([...failed.values()].every((o) => !o.ok && o.reason === "no-logprobs")).toBe(true);
    const upgraded = await simulateWith({ dialect: "ollama" }, {}, 20, 17, explanation);
    expect(upgraded.requests).toHaveLength(20);
    expectExact(upgraded.outcomes, upgraded.contexts);
  });

  it("asks every context again with force, none without", async () => {
    const explanation = `${EXPLANATION} force`;
    const first = await simulateWith({}, {}, 8, 19, explanation);
    expectExact(first.outcomes, first.contexts);
    const llm = await startTestLlmClient({}, { concurrency: 2 });
    try {
      const simulator = new LlmSimulator(llm.client);
      await simulateContexts(stage.db, { simulator, explanation, contexts: first.contexts });
      expect(llm.server.requestLog).toHaveLength(0);
      expectExact(await simulateContexts(stage.db, { simulator, explanation, contexts: first.contexts, force: true }), first.contexts);
      expect(llm.server.requestLog).toHaveLength(8);
    } finally {
      await llm.server.close();
    }
  });
});
