// Which generated tokens carry the answer. The logprobs cover every generated token, a thinking model's reasoning
// included (vLLM, llama.cpp server and Ollama all do this), while the message content is only the answer, generated
// last: so the answer's last occurrence in the tokens' joined text is the content's.
import type { TokenLogprob } from "./llm-completion";

export interface AnswerTokens {
  /** The generated token that holds character `offset` of the answer text. */
  tokenAt(offset: number): TokenLogprob;
}

/** Locates `answer` (a piece of the content) among the generated tokens; null when their text does not contain it. */
export function locateAnswer(logprobs: readonly TokenLogprob[], answer: string): AnswerTokens | null {
  const starts: number[] = [];
  let text = "";
  for (const { token } of logprobs) {
    starts.push(text.length);
    text += token;
  }
  const at = answer === "" ? -1 : text.lastIndexOf(answer);
  if (at < 0) return null;
  return {
    tokenAt(offset) {
      const position = at + offset;
      let index = 0;
      while (index + 1 < starts.length && starts[index + 1] <= position) index += 1;
      return logprobs[index];
    },
  };
}
