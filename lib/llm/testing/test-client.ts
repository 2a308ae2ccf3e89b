import { LlmClient, type LlmClientOptions } from "@/lib/llm/llm-client";
import type { LlmConfig } from "@/lib/llm/llm-config";
import { startTestLlmServer, type TestLlmServer, type TestServerOptions } from "./test-server";

export interface TestLlmSetup {
  server: TestLlmServer;
  client: LlmClient;
  /** Backoff delays the client asked for; tests record them instead of waiting. */
  delays: number[];
}

/** A test server plus a client pointed at it, with fixed jitter (0.5) and recorded, not slept, backoff. */
export async function startTestLlmClient(
  serverOptions: TestServerOptions = {},
  config: Partial<LlmConfig> = {},
  clientOptions: LlmClientOptions = {},
): Promise<TestLlmSetup> {
  const server = await startTestLlmServer(serverOptions);
  const delays: number[] = [];
  const client = new LlmClient(
    { baseUrl: server.url, model: "test-model", apiKey: null, concurrency: 4, timeoutMs: 5_000, ...config },
    { sleep: async (ms) => void delays.push(ms), random: () => 0.5, ...clientOptions },
  );
  return { server, client, delays };
}
