// Face of lib/simulate: simulators (LLM and lexical baseline) behind one interface.
export type {
  ContextTokens,
  SimulateOptions,
  SimulationFailureReason,
  SimulationOutcome,
  SimulationProgress,
  Simulator,
} from "./simulator";
export { DEFAULT_SIMULATOR_MAX_TOKENS, LlmSimulator, llmSimulatorId, type LlmSimulatorOptions } from "./llm-simulator";
export { LexicalSimulator } from "./lexical-simulator";
export { buildSimulationMessages } from "./simulation-prompt";
export { readDigitDistribution, expectedDigit, type ExpectedValueRule } from "./digit-distribution";
export { contextsEndingAt, type CacheContextSource, type SimulationContext } from "./simulation-contexts";
export { reusableOutcome, simulateContexts, type SimulateContextsOptions, type SimulationStageProgress } from "./simulation-stage";
export {
  estimateSimulateCalls,
  sampleTokenIndices,
  simulateLatents,
  type LatentSimulationSummary,
  type SimulateLatentsOptions,
} from "./simulate-latents";
export { measuredSimulatorRate } from "./simulator-rate";
export { MAX_SIMULATED_LEVEL } from "./simulator";
export { extractExplanationTerms } from "./explanation-terms";
export { lexicalLevels } from "./lexical-simulator";
export { estimateDescribedSimulation } from "./described-simulation";
