// Documents → fixed-length token contexts, as sparsify's chunk_and_tokenize feeds delphi: every document is
// preceded by the end-of-text token, the stream is cut into contexts of exactly contextLength tokens, and the
// incomplete tail is dropped (no padding, so every cached token saw real text).
import { ContextRow } from "./token-id-reading";

export interface CorpusContextOptions<T = string> {
  /** A document's token ids (text through the pack's tokenizer; pre-tokenized documents as they are). */
  tokenize: (document: T) => ArrayLike<number>;
  /** The end-of-text id (Pythia and the demo pack: 0, `<|endoftext|>`). */
  separatorId: number;
  contextLength: number;
  maxContexts: number;
}

/** Up to maxContexts contexts, row-major [n · contextLength]; documents are tokenized only as far as needed. */
export function corpusContexts<T = string>(documents: Iterable<T>, options: CorpusContextOptions<T>): Int32Array {
  const { contextLength, maxContexts } = options;
  if (!Number.isInteger(contextLength) || contextLength < 1) throw new Error(`contextLength must be a positive integer, got ${contextLength}`);
  const out = new Int32Array(contextLength * maxContexts);
  let filled = 0;
  const push = (id: number): boolean => {
    out[filled++] = id;
    return filled < out.length;
  };
  outer: for (const document of documents) {
    const ids = options.tokenize(document);
    // A row of delphi's separator-free cache tokens continues the stream as it is (token-id-reading.ts).
    if (!(ids instanceof ContextRow) && !push(options.separatorId)) break;
    for (let i = 0; i < ids.length; i++) if (!push(ids[i])) break outer;
  }
  return out.slice(0, filled - (filled % contextLength));
}
