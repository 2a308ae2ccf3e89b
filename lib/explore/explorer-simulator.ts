// Which simulator the explorer uses: the configured LLM server, else the lexical baseline, always labelled as
// what it is (never a baseline's output presented as an LLM's).
import { scorerSourceLabel } from "@/lib/explain";
import { LlmClient, readLlmConfig } from "@/lib/llm";
import { LexicalSimulator, LlmSimulator, type Simulator } from "@/lib/simulate";
import type { SimulatorInfo } from "./explorer-data";

export interface ExplorerSimulator {
  readonly simulator: Simulator;
  readonly info: SimulatorInfo;
  /** The detection / fuzzing scorer to match: "llm" when a server is configured. */
  readonly scorer: "llm" | "lexical-baseline";
  readonly client?: LlmClient;
  /** Contexts per simulate call, each followed by partial results: an LLM's concurrency, so the first arrive within one request's latency. */
  readonly batchSize: number;
}

/** The lexical baseline answers 400 contexts in milliseconds: a few batches are enough to show progress. */
const LEXICAL_BATCH = 100;

export function explorerSimulator(env: Record<string, string | undefined> = process.env): ExplorerSimulator {
  const config = readLlmConfig(env);
  if (!config) {
    const simulator = new LexicalSimulator();
    return { simulator, scorer: "lexical-baseline", batchSize: LEXICAL_BATCH, info: { id: simulator.id, kind: simulator.kind, label: scorerSourceLabel(simulator.id) } };
  }
  const client = new LlmClient(config);
  const simulator = new LlmSimulator(client);
  return { simulator, client, scorer: "llm", batchSize: config.concurrency, info: { id: simulator.id, kind: simulator.kind, label: scorerSourceLabel(simulator.id) } };
}
