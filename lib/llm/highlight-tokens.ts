// The `<<tok>>` marking shared by the explainer, the fuzzing scorer and the simulator (seed paper, Appendix A).

export const HIGHLIGHT_OPEN = "<<";
export const HIGHLIGHT_CLOSE = ">>";
/** delphi highlights tokens above this fraction of the example's largest activation. */
export const DELPHI_HIGHLIGHT_FRACTION = 0.3;

/**
 * Joins tokens into text, wrapping each run of adjacent marked tokens in one `<<…>>`. Leading and trailing
 * whitespace of a run stays outside the marks (" <<cat>>", not "<< cat>>"), unless the run is only whitespace.
 */
export function highlightTokens(tokens: readonly string[], marked: readonly boolean[]): string {
  if (marked.length !== tokens.length) {
    throw new Error(`highlightTokens: ${tokens.length} tokens but ${marked.length} marks; pass one mark per token`);
  }
  let text = "";
  let i = 0;
  while (i < tokens.length) {
    if (!marked[i]) {
      text += tokens[i];
      i += 1;
      continue;
    }
    let run = "";
    while (i < tokens.length && marked[i]) run += tokens[i++];
    const core = run.trim();
    if (!core) {
      text += `${HIGHLIGHT_OPEN}${run}${HIGHLIGHT_CLOSE}`;
      continue;
    }
    const start = run.indexOf(core);
    text += `${run.slice(0, start)}${HIGHLIGHT_OPEN}${core}${HIGHLIGHT_CLOSE}${run.slice(start + core.length)}`;
  }
  return text;
}

/** Marks tokens whose activation is above `fraction` of the largest activation in the same example (delphi: 0.3). */
export function markAboveFractionOfMax(activations: ArrayLike<number>, fraction: number): boolean[] {
  let max = 0;
  for (let i = 0; i < activations.length; i += 1) max = Math.max(max, activations[i]);
  return Array.from({ length: activations.length }, (_, i) => max > 0 && activations[i] > fraction * max);
}

/** Marks only the last token: the simulator asks about the final position of a context window. */
export function markLastToken(length: number): boolean[] {
  return Array.from({ length }, (_, i) => i === length - 1);
}
