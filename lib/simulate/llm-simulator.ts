import type { LlmClient } from "@/lib/llm";
import type { LlmCompletion } from "@/lib/llm";
import { renderChatPrompt } from "@/lib/llm";
import { type ExpectedValueRule, readDigitDistribution } from "./digit-distribution";
import { buildSimulationMessages } from "./simulation-prompt";
import {
  type ContextTokens,
  emptyContextFailure,
  type SimulateOptions,
  type SimulationOutcome,
  type Simulator,
} from "./simulator";

/** "[7]" is three tokens; a few more let a chatty model still reach the digit. A thinking model needs far more. */
export const DEFAULT_SIMULATOR_MAX_TOKENS = 8;

export interface LlmSimulatorOptions {
  /** Alternatives read at the digit; the paper read 10, we default to 20 so spelling variants (" 3") crowd out fewer digits. */
  topLogprobs?: number;
  /** Default: the client's REWRITE_LLM_SIMULATE_MAX_TOKENS, else DEFAULT_SIMULATOR_MAX_TOKENS. */
  maxTokens?: number;
  /** Default: the client's REWRITE_LLM_SIMULATOR_EXPECTED_VALUE, else renormalised. */
  expectedValue?: ExpectedValueRule;
}

/**
 * The simulator id: the model, marked when the paper's raw expected value is used (its predictions differ), and when
 * prompts go through /v1/completions in a hand-written chat format (it may differ from the server's own template).
 */
export function llmSimulatorId(model: string, expectedValue: ExpectedValueRule, promptFormat?: string): string {
  const marks = [...(expectedValue === "raw-sum" ? ["raw-sum"] : []), ...(promptFormat ? [`completions-${promptFormat}`] : [])];
  return marks.length ? `llm:${model}#${marks.join("#")}` : `llm:${model}`;
}

type Outcome = (index: number, outcome: SimulationOutcome) => void;

/**
 * The seed paper's simulator: one prompt per context, expected value of the digit distribution. With the client's
 * batch setting, the prompts of one explanation go `size` per /v1/completions request: they share their instructions
 * and explanation, so a prefix-caching server computes that prefix once per batch.
 */
export class LlmSimulator implements Simulator {
  readonly id: string;
  readonly kind = "llm" as const;
  private readonly topLogprobs: number;
  readonly maxTokens: number;
  private readonly expectedValue: ExpectedValueRule;
  readonly batch: LlmClient["batch"];
  readonly concurrency: number;

  constructor(
    private readonly client: LlmClient,
    options: LlmSimulatorOptions = {},
  ) {
    this.topLogprobs = options.topLogprobs ?? 20;
    this.maxTokens = options.maxTokens ?? client.maxTokensFor("simulate", DEFAULT_SIMULATOR_MAX_TOKENS);
    this.expectedValue = options.expectedValue ?? client.simulatorExpectedValue;
    this.batch = client.batch;
    this.concurrency = client.concurrency;
    this.id = llmSimulatorId(client.model, this.expectedValue, client.batch?.promptFormat);
  }

  async simulate(
    explanation: string,
    contexts: readonly ContextTokens[],
    options: SimulateOptions = {},
  ): Promise<SimulationOutcome[]> {
    const outcomes: SimulationOutcome[] = new Array(contexts.length);
    let done = 0;
    const settle: Outcome = (index, outcome) => {
      outcomes[index] = outcome;
      done += 1;
      options.onProgress?.({ index, outcome, done, total: contexts.length });
    };
    const asked: number[] = [];
    contexts.forEach((context, index) => (context.length === 0 ? settle(index, emptyContextFailure(index)) : asked.push(index)));
    const size = this.batch?.size;
    // All requests are queued at once; the client's semaphore decides how many run.
    const groups = size ? Array.from({ length: Math.ceil(asked.length / size) }, (_, g) => asked.slice(g * size, (g + 1) * size)) : asked.map((i) => [i]);
    await Promise.all(groups.map((group) => this.simulateGroup(explanation, contexts, group, settle, options.signal)));
    return outcomes;
  }

  private async simulateGroup(explanation: string, contexts: readonly ContextTokens[], group: number[], settle: Outcome, signal?: AbortSignal): Promise<void> {
    const sampling = { maxTokens: this.maxTokens, temperature: 0, topLogprobs: this.topLogprobs, signal };
    const messages = (index: number) => buildSimulationMessages(explanation, contexts[index]);
    const batch = this.batch;
    const result = batch
      ? await this.client.completeBatch({ prompts: group.map((i) => renderChatPrompt(messages(i), batch.promptFormat)), ...sampling })
      : await this.client.chat({ messages: messages(group[0]), ...sampling });
    if (!result.ok) {
      for (const index of group) settle(index, { ok: false, reason: "llm-request-failed", detail: result.failure.message });
      return;
    }
    const completions = "completions" in result.value ? result.value.completions : [result.value];
    group.forEach((index, k) => settle(index, this.read(completions[k])));
  }

  private read(completion: LlmCompletion): SimulationOutcome {
    const reading = readDigitDistribution(completion, { expectedValue: this.expectedValue, maxTokens: this.maxTokens });
    if (!reading.ok) return reading;
    return { ok: true, prediction: reading.prediction, digitProbs: reading.digitProbs };
  }
}
