import type { ChatMessage } from "@/lib/llm";
import { EXPLANATION_LABEL, exampleLabel } from "@/lib/llm";
import type { ClassificationTask } from "./scoring-example";

const ANSWER_FORMAT = `Answer with a Python list holding one number per excerpt, in order: 1 for yes, 0 for no. For three excerpts you might answer [1, 0, 0]. Output the list and nothing else.`;

// Our wording of delphi's two classification scorers: same question, same 0/1 list answer.
const INSTRUCTIONS: Record<ClassificationTask, string> = {
  detection: `You are checking an explanation of one latent (an internal unit) of a language model.

You will read the explanation and then several numbered text excerpts. For each excerpt, decide whether the latent, as the explanation describes it, would be active anywhere in that excerpt.

${ANSWER_FORMAT}`,
  fuzzing: `You are checking an explanation of one latent (an internal unit) of a language model.

You will read the explanation and then several numbered text excerpts. In each excerpt some tokens are wrapped in << and >>. For each excerpt, decide whether the wrapped tokens are ones on which the latent, as the explanation describes it, would be active.

${ANSWER_FORMAT}`,
};

/** One prompt for a batch of already rendered excerpts (plain text for detection, highlighted text for fuzzing). */
export function buildClassificationMessages(
  task: ClassificationTask,
  explanation: string,
  renderedExamples: readonly string[],
): ChatMessage[] {
  const excerpts = renderedExamples.map((text, i) => `${exampleLabel(i + 1)} ${text}`).join("\n");
  const oneLineExplanation = explanation.replace(/\s+/g, " ").trim();
  return [
    { role: "system", content: INSTRUCTIONS[task] },
    { role: "user", content: `${EXPLANATION_LABEL} ${oneLineExplanation}\n\n${excerpts}` },
  ];
}
