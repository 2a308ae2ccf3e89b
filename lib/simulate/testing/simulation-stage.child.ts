// Child process for the SIGKILL test of the simulate stage (simulation-stage.test.ts): runs one simulation
// against the parent's test server and writes into the parent's database until the parent kills it.
// argv: <database file> <LLM base URL> <contexts JSON file> <explanation>
import { readFileSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { LlmClient } from "@/lib/llm";
import { LlmSimulator } from "@/lib/simulate/llm-simulator";
import type { SimulationContext } from "@/lib/simulate/simulation-contexts";
import { simulateContexts } from "@/lib/simulate/simulation-stage";

const [dbPath, baseUrl, contextsFile, explanation] = process.argv.slice(2);
const contexts = JSON.parse(readFileSync(contextsFile, "utf8")) as SimulationContext[];
const client = new LlmClient({ baseUrl, model: "test-model", apiKey: null, concurrency: 2, timeoutMs: 10_000 });
simulateContexts(openDatabase(dbPath), { simulator: new LlmSimulator(client), explanation, contexts }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
