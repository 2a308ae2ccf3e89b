import { afterEach, describe, expect, it } from "vitest";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { TestLlmServer, TestServerStep } from "@/lib/llm/testing/test-server";
import { LlmSimulator } from "./llm-simulator";
import type { SimulationProgress } from "./simulator";

let server: TestLlmServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function simulatorWith(script: TestServerStep[] = []) {
  const setup = await startTestLlmClient({ script }, { model: "sim-model", concurrency: 2 }, { retry: { maxRetries: 1 } });
  server = setup.server;
  return { simulator: new LlmSimulator(setup.client), server: setup.server };
}

describe("LlmSimulator against the test server", () => {
  it("predicts the renormalised expected digit per context", async () => {
    const { simulator, server } = await simulatorWith();
    expect(simulator.id).toBe("llm:sim-model");
    const progress: SimulationProgress[] = [];
    const outcomes = await simulator.simulate("the word cat", [["The", " cat"], ["A", " dog"]], {
      onProgress: (p) => progress.push(p),
    });
    // Test rule: "cat" is in the explanation → p(8,9,7) = .5,.25,.15 (+ .1 on "[") → E = 7.3/.9;
    // "dog" is not → p(0,1) = .8,.1 (+ .1 on "]") → E = .1/.9.
    expect(outcomes[0].ok && outcomes[0].prediction).toBeCloseTo(7.3 / 0.9, 12);
    expect(outcomes[1].ok && outcomes[1].prediction).toBeCloseTo(0.1 / 0.9, 12);
    expect(outcomes[0].ok && outcomes[0].digitProbs?.[8]).toBeCloseTo(0.5 / 0.9, 12);
    expect(progress.map((p) => p.done).sort()).toEqual([1, 2]);
    expect(server.requestLog[0].body).toMatchObject({ logprobs: true, top_logprobs: 20, temperature: 0 });
  });

  it("takes the paper's raw sum when configured, under its own simulator id", async () => {
    const setup = await startTestLlmClient({}, { model: "sim-model", simulatorExpectedValue: "raw-sum" });
    server = setup.server;
    const simulator = new LlmSimulator(setup.client);
    expect(simulator.id).toBe("llm:sim-model#raw-sum");
    const [hit, miss] = await simulator.simulate("the word cat", [["The", " cat"], ["A", " dog"]]);
    // Σ d·p(d) over the raw probabilities: 8·.5 + 9·.25 + 7·.15 = 7.3 and 1·.1 = .1 (the "[" / "]" mass counts as 0).
    expect(hit.ok && hit.prediction).toBeCloseTo(7.3, 12);
    expect(miss.ok && miss.prediction).toBeCloseTo(0.1, 12);
  });

  it("returns typed failures for refusals, missing logprobs, no digit and HTTP errors", async () => {
    const { simulator } = await simulatorWith([
      { kind: "reply", text: "I'm sorry, but I cannot rate that." },
      { kind: "no-logprobs" },
      { kind: "reply", text: "[high]" },
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
    ]);
    const reasons: string[] = [];
    // One at a time, so each context meets the next scripted step.
    for (const context of [["a"], ["b"], ["c"], ["d"]]) {
      const [outcome] = await simulator.simulate("cats", [context]);
      reasons.push(outcome.ok ? "ok" : outcome.reason);
    }
    expect(reasons).toEqual(["refusal", "no-logprobs", "no-digit-in-answer", "llm-request-failed"]);
  });
});
