import type { LlmClient } from "@/lib/llm/llm-client";
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

/** The simulator id: the model, marked when the paper's raw expected value is used (its predictions differ). */
export function llmSimulatorId(model: string, expectedValue: ExpectedValueRule): string {
  return expectedValue === "raw-sum" ? `llm:${model}#raw-sum` : `llm:${model}`;
}

/** The seed paper's simulator: one prompt per context, expected value of the digit distribution. */
export class LlmSimulator implements Simulator {
  readonly id: string;
  readonly kind = "llm" as const;
  private readonly topLogprobs: number;
  readonly maxTokens: number;
  private readonly expectedValue: ExpectedValueRule;

  constructor(
    private readonly client: LlmClient,
    options: LlmSimulatorOptions = {},
  ) {
    this.topLogprobs = options.topLogprobs ?? 20;
    this.maxTokens = options.maxTokens ?? client.maxTokensFor("simulate", DEFAULT_SIMULATOR_MAX_TOKENS);
    this.expectedValue = options.expectedValue ?? client.simulatorExpectedValue;
    this.id = llmSimulatorId(client.model, this.expectedValue);
  }

  async simulate(
    explanation: string,
    contexts: readonly ContextTokens[],
    options: SimulateOptions = {},
  ): Promise<SimulationOutcome[]> {
    let done = 0;
    // All requests are queued at once; the client's semaphore decides how many run.
    return Promise.all(
      contexts.map(async (context, index) => {
        const outcome = await this.simulateOne(explanation, context, index, options.signal);
        done += 1;
        options.onProgress?.({ index, outcome, done, total: contexts.length });
        return outcome;
      }),
    );
  }

  private async simulateOne(
    explanation: string,
    context: ContextTokens,
    index: number,
    signal?: AbortSignal,
  ): Promise<SimulationOutcome> {
    if (context.length === 0) return emptyContextFailure(index);
    const result = await this.client.chat({
      messages: buildSimulationMessages(explanation, context),
      maxTokens: this.maxTokens,
      temperature: 0,
      topLogprobs: this.topLogprobs,
      signal,
    });
    if (!result.ok) return { ok: false, reason: "llm-request-failed", detail: result.failure.message };
    const reading = readDigitDistribution(result.value, { expectedValue: this.expectedValue, maxTokens: this.maxTokens });
    if (!reading.ok) return reading;
    return { ok: true, prediction: reading.prediction, digitProbs: reading.digitProbs };
  }
}
