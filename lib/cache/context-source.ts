// Token contexts fed to the encoder, addressed by index so a resumed build can start at any chunk.

/** numContexts contexts of contextLength token ids each. */
export interface ContextSource {
  readonly numContexts: number;
  readonly contextLength: number;
  /** Contexts [start, start + count) as one row-major Int32Array [count · contextLength]. */
  read(start: number, count: number): Int32Array;
}

/** A source over contexts already in memory (row-major [numContexts · contextLength]). */
export function contextSourceFromArray(tokens: Int32Array, contextLength: number): ContextSource {
  if (!Number.isInteger(contextLength) || contextLength < 1) throw new Error(`contextLength must be a positive integer, got ${contextLength}`);
  if (tokens.length % contextLength !== 0) {
    throw new Error(`${tokens.length} tokens do not split into contexts of ${contextLength}; pass whole contexts`);
  }
  const numContexts = tokens.length / contextLength;
  return {
    numContexts,
    contextLength,
    read(start, count) {
      if (start < 0 || count < 0 || start + count > numContexts) {
        throw new Error(`contexts [${start}, ${start + count}) are outside the ${numContexts} available`);
      }
      return tokens.subarray(start * contextLength, (start + count) * contextLength);
    },
  };
}
