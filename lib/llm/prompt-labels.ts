// Line labels shared by the prompt builders, their parsers and the test server's answering rule,
// so that a wording change in one place cannot silently break the others.

/** The explainer's final answer line: `[EXPLANATION]: <sentence>`. */
export const EXPLANATION_ANSWER_LABEL = "[EXPLANATION]:";
/** Introduces the explanation being scored or simulated. */
export const EXPLANATION_LABEL = "Explanation:";
/** Introduces the simulator's context window. */
export const CONTEXT_LABEL = "Text:";
/** Introduces the activation levels after each explainer example. */
export const LEVELS_LABEL = "Activations:";

export function exampleLabel(oneBasedIndex: number): string {
  return `Example ${oneBasedIndex}:`;
}
