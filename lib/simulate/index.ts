// Face of lib/simulate: simulators (LLM and lexical baseline) behind one interface.
export type {
  ContextTokens,
  SimulateOptions,
  SimulationFailureReason,
  SimulationOutcome,
  SimulationProgress,
  Simulator,
} from "./simulator";
export { LlmSimulator, type LlmSimulatorOptions } from "./llm-simulator";
export { LexicalSimulator } from "./lexical-simulator";
export { buildSimulationMessages } from "./simulation-prompt";
export { readDigitDistribution, expectedDigit } from "./digit-distribution";
