import { afterEach, describe, expect, it } from "vitest";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import type { TestLlmServer, TestServerOptions } from "@/lib/llm/testing/test-server";
import { LlmSimulator } from "./llm-simulator";
import type { ContextTokens } from "./simulator";

let servers: TestLlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function simulatorWith(serverOptions: TestServerOptions, batch?: number) {
  const config = batch ? { batch: { size: batch, promptFormat: "llama3" as const } } : {};
  const setup = await startTestLlmClient(serverOptions, { model: "sim-model", concurrency: 2, ...config }, { retry: { maxRetries: 0 } });
  servers.push(setup.server);
  return { simulator: new LlmSimulator(setup.client), server: setup.server, client: setup.client };
}

// 11 contexts, every third a hit on "cat", and one empty window that is never sent.
const contexts: ContextTokens[] = Array.from({ length: 11 }, (_, i) => (i === 5 ? [] : ["The", i % 3 === 0 ? " cat" : ` w${i}`]));
const HIT = 7.3 / 0.9; // test rule, renormalised: (8·.5 + 9·.25 + 7·.15) / .9
const MISS = 0.1 / 0.9;
const expected = contexts.map((c, i) => (i === 5 ? "empty-context" : i % 3 === 0 ? HIT : MISS));

const shown = (outcomes: Awaited<ReturnType<LlmSimulator["simulate"]>>) => outcomes.map((o) => (o.ok ? o.prediction : o.reason));

describe("LlmSimulator with batched /v1/completions requests", () => {
  it.each([
    ["vllm", {}],
    ["llama.cpp", {}],
    ["vllm", { choicesOutOfOrder: true }],
    ["llama.cpp", { choicesOutOfOrder: true }],
  ] as const)("gives the chat path's predictions on a %s server %o", async (dialect, quirks) => {
    const chat = await simulatorWith({ dialect });
    const batched = await simulatorWith({ dialect, quirks }, 4);
    const one = shown(await chat.simulator.simulate("the word cat", contexts));
    const many = shown(await batched.simulator.simulate("the word cat", contexts));
    expect(many.map((x, i) => (typeof x === "number" ? x - (expected[i] as number) : x))).toEqual(
      expected.map((x) => (typeof x === "number" ? expect.closeTo(0, 12) : x)),
    );
    expect(many).toEqual(one);
    // 10 non-empty contexts, 4 per request → 3 requests of 4, 4 and 2 prompts, all to /v1/completions.
    expect(batched.server.requestLog.map((r) => [r.path, (r.body.prompt as string[]).length])).toEqual([
      ["/v1/completions", 4],
      ["/v1/completions", 4],
      ["/v1/completions", 2],
    ]);
    expect(batched.server.requestLog[0].body).toMatchObject({ logprobs: 20, temperature: 0, max_tokens: 8 });
    expect(batched.client.usage()).toMatchObject({ calls: 3, prompts: 10 });
    expect(chat.client.usage()).toMatchObject({ calls: 10, prompts: 10 });
  });

  it("sends each prompt in the configured format, instructions and explanation first", async () => {
    const { server, simulator } = await simulatorWith({ dialect: "vllm" }, 8);
    expect(simulator.id).toBe("llm:sim-model#completions-llama3");
    await simulator.simulate("the word cat", [["a", " cat"]]);
    const [prompt] = server.requestLog[0].body.prompt as string[];
    expect(prompt.startsWith("<|start_header_id|>system<|end_header_id|>\n\n")).toBe(true);
    expect(prompt).toContain("<|start_header_id|>user<|end_header_id|>\n\nExplanation: the word cat\n\nText: a <<cat>><|eot_id|>");
    expect(prompt.endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n")).toBe(true);
  });

  it("fails every prompt of a request the server refused, with its reason", async () => {
    const { simulator } = await simulatorWith({ dialect: "vllm", script: [{ kind: "status", status: 400 }] }, 2);
    const outcomes = await simulator.simulate("cats", [["a"], ["b"], ["c"]]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.reason)).sort()).toEqual(["llm-request-failed", "llm-request-failed", "ok"]);
  });
});
