import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/db/client";
import { LlmClient } from "@/lib/llm";
import { LlmSimulator } from "@/lib/simulate";
import { buildSimulationMessages } from "@/lib/simulate";
import type { SimulationContext } from "@/lib/simulate";
import { simulateContexts } from "@/lib/simulate";
import { startServerProcess } from "./llm-server-process";

// Orchestration overhead of the simulate stage (issue 6): N predictions through simulateContexts (prediction-cache
// lookup, digit read-out, one committed SQLite write per answer) vs the same N requests sent through LlmClient
// alone, both against the local test server running in its own process, at the same concurrency. Goal < 5%.

export interface SimulationOverheadBenchOptions {
  predictions?: number;
  concurrency?: number;
  /** Rounds of raw and stage runs, alternating which goes first; the fastest of each is reported (default 4). */
  rounds?: number;
}

export interface SimulationOverheadBenchResult {
  predictions: number;
  concurrency: number;
  /** Wall-clock times. */
  rawMs: number;
  stageMs: number;
  overheadPct: number;
  /** This process's CPU time: the orchestration cost itself, less sensitive to a busy machine than wall time. */
  rawCpuMs: number;
  stageCpuMs: number;
  cpuOverheadPct: number;
  /** The stage again on the same contexts: every answer from the prediction cache, zero requests. */
  cachedMs: number;
}

const WINDOW = 32;

function benchContexts(count: number, round: number): SimulationContext[] {
  return Array.from({ length: count }, (_, i) => ({
    contextId: `bench:${round * count + i}:${WINDOW}`,
    tokens: Array.from({ length: WINDOW }, (_, t) => ` w${(i * 31 + t * 7) % 50}`),
  }));
}

interface Timing {
  wallMs: number;
  /** This process's CPU time (user + system): the client's own work, the server being another process. */
  cpuMs: number;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const fastest = (a: Timing, b: Timing): Timing => ({ wallMs: Math.min(a.wallMs, b.wallMs), cpuMs: Math.min(a.cpuMs, b.cpuMs) });

const percentMore = (a: number, b: number) => (100 * (a - b)) / b;

export async function runSimulationOverheadBench(options: SimulationOverheadBenchOptions = {}): Promise<SimulationOverheadBenchResult> {
  const predictions = options.predictions ?? 10_000;
  const concurrency = options.concurrency ?? 32;
  const rounds = options.rounds ?? 4;
  const server = await startServerProcess();
  const dir = mkdtempSync(join(tmpdir(), "rewrite-sim-bench-"));
  const db = openDatabase(join(dir, "bench.sqlite"));
  const explanation = 'The token "w7"';
  const client = () => new LlmClient({ baseUrl: server.url, model: "test-model", apiKey: null, concurrency, timeoutMs: 60_000 });
  const raw = (contexts: SimulationContext[]) => {
    const c = client();
    const request = (context: SimulationContext) =>
      c.chat({ messages: buildSimulationMessages(explanation, context.tokens), maxTokens: 8, temperature: 0, topLogprobs: 20 });
    return Promise.all(contexts.map(request));
  };
  const stage = (contexts: SimulationContext[]) => simulateContexts(db, { simulator: new LlmSimulator(client()), explanation, contexts });
  try {
    await raw(benchContexts(Math.min(1000, predictions), -1)); // warm-up: connections, JIT
    let rawTime: Timing = { wallMs: Infinity, cpuMs: Infinity };
    let stageTime: Timing = { wallMs: Infinity, cpuMs: Infinity };
    let last: SimulationContext[] = [];
    for (let round = 0; round < rounds; round++) {
      last = benchContexts(predictions, round);
      // Alternating which goes first keeps a drifting machine (other jobs, JIT, server warm-up) from favouring one.
      if (round % 2 === 0) rawTime = fastest(rawTime, await timed(() => raw(last)));
      stageTime = fastest(stageTime, await timed(() => stage(last)));
      if (round % 2 === 1) rawTime = fastest(rawTime, await timed(() => raw(last)));
    }
    const cached = await timed(() => stage(last));
    const result: SimulationOverheadBenchResult = {
      predictions,
      concurrency,
      rawMs: rawTime.wallMs,
      stageMs: stageTime.wallMs,
      overheadPct: percentMore(stageTime.wallMs, rawTime.wallMs),
      rawCpuMs: rawTime.cpuMs,
      stageCpuMs: stageTime.cpuMs,
      cpuOverheadPct: percentMore(stageTime.cpuMs, rawTime.cpuMs),
      cachedMs: cached.wallMs,
    };
    const perSecond = (ms: number) => ((1000 * predictions) / ms).toFixed(0);
    console.log(
      `simulation overhead: ${predictions} predictions at concurrency ${concurrency}, local test server in its own process (fastest of ${rounds} rounds)\n` +
        `  raw LlmClient requests:               ${rawTime.wallMs.toFixed(0)} ms wall (${perSecond(rawTime.wallMs)}/s), ${rawTime.cpuMs.toFixed(0)} ms client CPU\n` +
        `  simulateContexts + prediction cache:  ${stageTime.wallMs.toFixed(0)} ms wall (${perSecond(stageTime.wallMs)}/s), ${stageTime.cpuMs.toFixed(0)} ms client CPU\n` +
        `  overhead: ${result.overheadPct.toFixed(1)}% wall, ${result.cpuOverheadPct.toFixed(1)}% client CPU (goal < 5%)\n` +
        `  the same ${predictions} again, all from the prediction cache: ${cached.wallMs.toFixed(0)} ms`,
    );
    return result;
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
    server.stop();
  }
}
