// Simulator throughput of one client: predictions/s through the simulate stage (prediction-cache lookup, requests,
// digit read-out, SQLite commits) against the local test server in its own process (answering as vLLM), with one
// chat request per prompt and with 1, 8 and 64 prompts per /v1/completions request. Goal: ≥ 5,000 predictions/s.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/db/client";
import { LlmClient } from "@/lib/llm";
import type { LlmConfig } from "@/lib/llm";
import { LlmSimulator } from "@/lib/simulate";
import type { SimulationContext } from "@/lib/simulate";
import { simulateContexts } from "@/lib/simulate";
import { startServerProcess } from "./llm-server-process";
import { printTable } from "./print-table";

export const SIMULATION_GOAL_PER_S = 5_000;
const WINDOW = 32;

export interface SimulationBenchOptions {
  /** Predictions per setting (default 10,000). */
  predictions?: number;
  /** Requests in flight (default 16). */
  concurrency?: number;
}

export interface SimulationBenchRow {
  setting: string;
  /** Prompts per request; null: one chat request per prompt. */
  batch: number | null;
  requests: number;
  wallMs: number;
  predictionsPerS: number;
  /** This process's CPU per prediction: the client's own cost, the server being another process. */
  clientCpuUsPerPrediction: number;
}

function benchContexts(count: number, setting: number): SimulationContext[] {
  return Array.from({ length: count }, (_, i) => ({
    contextId: `bench:${setting}:${i}:${WINDOW}`,
    tokens: Array.from({ length: WINDOW }, (_, t) => ` w${(i * 31 + t * 7) % 50}`),
  }));
}

export async function runSimulationBench(options: SimulationBenchOptions = {}): Promise<SimulationBenchRow[]> {
  const predictions = options.predictions ?? 10_000;
  const concurrency = options.concurrency ?? 16;
  const server = await startServerProcess({ dialect: "vllm" });
  const dir = mkdtempSync(join(tmpdir(), "rewrite-simulation-bench-"));
  const db = openDatabase(join(dir, "bench.sqlite"));
  const explanation = 'The token "w7"';
  const settings: Array<{ setting: string; batch: LlmConfig["batch"] | null }> = [
    { setting: "chat, 1 prompt/request", batch: null },
    ...[1, 8, 64].map((size) => ({ setting: `completions, ${size} prompts/request`, batch: { size, promptFormat: "llama3" as const } })),
  ];
  const rows: SimulationBenchRow[] = [];
  try {
    for (const [s, { setting, batch }] of settings.entries()) {
      const client = new LlmClient({ baseUrl: server.url, model: "test-model", apiKey: null, concurrency, timeoutMs: 60_000, ...(batch ? { batch } : {}) });
      const simulator = new LlmSimulator(client);
      await simulateContexts(db, { simulator, explanation, contexts: benchContexts(Math.min(500, predictions), -1 - s) }); // warm-up
      const before = client.usage().calls;
      const contexts = benchContexts(predictions, s);
      const start = performance.now();
      const cpu = process.cpuUsage();
      const outcomes = await simulateContexts(db, { simulator, explanation, contexts });
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - start;
      const failed = outcomes.filter((o) => !o.ok).length;
      if (failed > 0) throw new Error(`${setting}: ${failed} of ${predictions} predictions failed; the bench measures answered ones only`);
      rows.push({
        setting,
        batch: batch?.size ?? null,
        requests: client.usage().calls - before,
        wallMs,
        predictionsPerS: (1000 * predictions) / wallMs,
        clientCpuUsPerPrediction: (used.user + used.system) / predictions,
      });
    }
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
    server.stop();
  }
  printTable(
    `simulation: ${predictions} predictions per setting through the simulate stage, concurrency ${concurrency}, local test server (vLLM-shaped) ` +
      `in its own process on the same ${availableParallelism()} cores; goal ≥ ${SIMULATION_GOAL_PER_S.toLocaleString("en-US")} predictions/s`,
    ["setting", "requests", "wall s", "predictions/s", "client CPU µs/prediction", "client-bound predictions/s per core"],
    rows.map((r) => [
      r.setting,
      String(r.requests),
      (r.wallMs / 1000).toFixed(2),
      r.predictionsPerS.toFixed(0),
      r.clientCpuUsPerPrediction.toFixed(0),
      (1e6 / r.clientCpuUsPerPrediction).toFixed(0),
    ]),
  );
  // Wall time shares the cores with the server (and whatever else runs); CPU per prediction is the client's own cost.
  console.log("predictions/s is wall-clock with the test server on the same cores; the last column is what the client alone could sustain on one core.");
  return rows;
}
